package uk.ambulance.ops.jobs.sink.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.ambulance.ops.jobs.testing.ClusterTest;
import uk.ambulance.ops.jobs.testing.InfluxDbServer;

/** A machine without influxd must fail the InfluxDB tests loudly, never skip them. */
@ClusterTest
class InfluxDbServerTest {

  @Test
  void missingInfluxdFailsWithAnInstallHint(@TempDir Path emptyDir) {
    assertThatThrownBy(() -> InfluxDbServer.findInfluxd(emptyDir.toString()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "influxd not found: install it with `sudo apt-get install -y influxdb`"
                + " (Debian/Ubuntu)");
  }

  @Test
  void influxdIsFoundInAnyPathEntry(@TempDir Path dir) throws Exception {
    Path empty = Files.createDirectory(dir.resolve("empty"));
    Path bin = Files.createDirectory(dir.resolve("bin"));
    Path influxd = Files.writeString(bin.resolve("influxd"), "#!/bin/sh\n");
    assertThat(influxd.toFile().setExecutable(true)).isTrue();

    assertThat(InfluxDbServer.findInfluxd(empty + File.pathSeparator + bin))
        .isEqualTo(influxd.toString());
  }
}
