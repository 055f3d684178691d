package uk.ambulance.ops.jobs.stats;

import java.util.Arrays;

/**
 * A multiset of response times kept sorted, with a running sum, so that a window sliding by one
 * bucket costs an insertion and a removal rather than a re-sort, and any centile is read in O(1).
 */
public class SortedSample {
  private long[] values = new long[64];
  private int size;
  private long sum;
  private int provisional;

  public void add(long value, boolean isProvisional) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    int at = insertionPoint(value);
    System.arraycopy(values, at, values, at + 1, size - at);
    values[at] = value;
    size++;
    sum += value;
    if (isProvisional) {
      provisional++;
    }
  }

  /** Removes one occurrence; the value must be present. */
  public void remove(long value, boolean isProvisional) {
    int at = Arrays.binarySearch(values, 0, size, value);
    if (at < 0) {
      throw new IllegalStateException("value not in sample: " + value);
    }
    System.arraycopy(values, at + 1, values, at, size - at - 1);
    size--;
    sum -= value;
    if (isProvisional) {
      provisional--;
    }
  }

  private int insertionPoint(long value) {
    int at = Arrays.binarySearch(values, 0, size, value);
    return at >= 0 ? at : -at - 1;
  }

  /** How many values are strictly greater than {@code limit}: a binary search. */
  public int countAbove(long limit) {
    int lo = 0;
    int hi = size;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (values[mid] <= limit) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return size - lo;
  }

  public ResponseStats stats(CentileDefinition definition) {
    if (size == 0) {
      return ResponseStats.EMPTY;
    }
    return new ResponseStats(
        size, (double) sum / size, definition.of(values, size, 0.9), provisional);
  }
}
