package uk.ambulance.ops.jobs.sink.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.ambulance.ops.jobs.points.InfluxPoint;

class LineProtocolTest {

  @Test
  void plainPointWithEveryFieldType() {
    InfluxPoint point =
        InfluxPoint.builder("response", 1_700_000_000_123L)
            .tag("station", "Waterloo")
            .field("seconds", 421L)
            .field("ratio", 0.25)
            .field("breached", true)
            .field("category", "C1")
            .build();

    assertThat(LineProtocol.format(point))
        .isEqualTo(
            "response,station=Waterloo seconds=421i,ratio=0.25,breached=t,category=\"C1\""
                + " 1700000000123");
  }

  @Test
  void tagsComeOutSortedByKey() {
    InfluxPoint point =
        InfluxPoint.builder("m", 1)
            .tag("z", "1")
            .tag("a", "2")
            .tag("m", "3")
            .field("v", 1L)
            .build();

    assertThat(LineProtocol.format(point)).isEqualTo("m,a=2,m=3,z=1 v=1i 1");
  }

  @Test
  void measurementEscapesCommaAndSpaceButNotEquals() {
    InfluxPoint point = InfluxPoint.builder("a b,c=d", 1).field("v", 1L).build();

    assertThat(LineProtocol.format(point)).isEqualTo("a\\ b\\,c=d v=1i 1");
  }

  @Test
  void tagKeysValuesAndFieldKeysEscapeCommaSpaceAndEquals() {
    InfluxPoint point =
        InfluxPoint.builder("m", 1).tag("k ey,=", "v al,=ue").field("f i,=eld", 1L).build();

    assertThat(LineProtocol.format(point))
        .isEqualTo("m,k\\ ey\\,\\==v\\ al\\,\\=ue f\\ i\\,\\=eld=1i 1");
  }

  @Test
  void quotesInNamesAreLiteralAndBackslashesInsideNamesPassThrough() {
    InfluxPoint point = InfluxPoint.builder("\"m\"", 1).tag("t", "a\\b").field("f\"", 1L).build();

    assertThat(LineProtocol.format(point)).isEqualTo("\"m\",t=a\\b f\"=1i 1");
  }

  @Test
  void stringFieldsEscapeQuotesAndBackslashesOnly() {
    InfluxPoint point =
        InfluxPoint.builder("m", 1).field("s", "say \"hi\", C:\\path\\ = x\nnext").build();

    assertThat(LineProtocol.format(point))
        .isEqualTo("m s=\"say \\\"hi\\\", C:\\\\path\\\\ = x\nnext\" 1");
  }

  @Test
  void stringFieldEndingInBackslashIsEscapedSoTheClosingQuoteSurvives() {
    InfluxPoint point = InfluxPoint.builder("m", 1).field("s", "tail\\").build();

    assertThat(LineProtocol.format(point)).isEqualTo("m s=\"tail\\\\\" 1");
  }

  @Test
  void numbersKeepTheirTypeAndFullPrecision() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("int", Long.MIN_VALUE);
    fields.put("small", 7);
    fields.put("float", 0.1 + 0.2);
    fields.put("big", 1.0e300);
    fields.put("whole", 3.0);
    fields.put("no", false);
    InfluxPoint point = new InfluxPoint("m", Map.of(), fields, -5);

    assertThat(LineProtocol.format(point))
        .isEqualTo(
            "m int=-9223372036854775808i,small=7i,float=0.30000000000000004,big=1.0E300,"
                + "whole=3.0,no=f -5");
  }

  @Test
  void emptyTagValuesAreLeftOutBecauseInfluxHasNoEmptyTags() {
    InfluxPoint point = new InfluxPoint("m", Map.of("a", "", "b", "x"), Map.of("v", 1L), 1);

    assertThat(LineProtocol.format(point)).isEqualTo("m,b=x v=1i 1");
  }

  @Test
  void backslashesInfluxCannotParseAreRejectedNotAltered() {
    assertThatThrownBy(() -> format("m", "trailing\\"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("backslash")
        .hasMessageContaining("value of tag t");
    assertThatThrownBy(() -> format("m", "a\\,b")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> format("m", "a\\ b")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> format("m\\", "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("measurement");
  }

  @Test
  void lineBreaksInNamesAndNonFiniteOrUnknownFieldValuesAreRejected() {
    assertThatThrownBy(() -> format("m\nx", "v")).hasMessageContaining("line break");
    assertThatThrownBy(() -> fieldOf(Double.NaN)).hasMessageContaining("NaN");
    assertThatThrownBy(() -> fieldOf(Double.POSITIVE_INFINITY)).hasMessageContaining("Infinity");
    assertThatThrownBy(() -> fieldOf(new Object())).hasMessageContaining("unsupported type");
  }

  private static String format(String measurement, String tagValue) {
    return LineProtocol.format(
        InfluxPoint.builder(measurement, 1).tag("t", tagValue).field("v", 1L).build());
  }

  private static String fieldOf(Object value) {
    return LineProtocol.format(new InfluxPoint("m", Map.of(), Map.of("f", value), 1));
  }
}
