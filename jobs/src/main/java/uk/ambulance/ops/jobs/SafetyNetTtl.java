package uk.ambulance.ops.jobs;

import java.time.Duration;
import org.apache.flink.api.common.state.StateTtlConfig;

/**
 * State time-to-live as a safety net, for operators whose timers already remove state once it can
 * no longer change an output. The heap backend's default incremental cleanup would walk and copy
 * state on every access, which cost more than the operators' own work; here expired state is
 * instead dropped when a snapshot is restored, and is never read, so a timer lost to a bug cannot
 * leak it for ever.
 */
public final class SafetyNetTtl {
  private SafetyNetTtl() {}

  public static StateTtlConfig after(Duration ttl) {
    return StateTtlConfig.newBuilder(ttl)
        .disableCleanupInBackground()
        .cleanupFullSnapshot()
        .build();
  }
}
