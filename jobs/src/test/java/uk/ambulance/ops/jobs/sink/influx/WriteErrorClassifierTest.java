package uk.ambulance.ops.jobs.sink.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.ambulance.ops.jobs.sink.influx.WriteErrorClassifier.Verdict.FAIL;
import static uk.ambulance.ops.jobs.sink.influx.WriteErrorClassifier.Verdict.RETRY;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class WriteErrorClassifierTest {

  @ParameterizedTest(name = "HTTP {0} -> {1}")
  @CsvSource({
    "400, FAIL", // bad line protocol, field type conflict, partial write
    "401, FAIL",
    "403, FAIL",
    "404, FAIL", // database missing and not to be created
    "405, FAIL",
    "413, FAIL", // batch above max-body-size: lower maxBatchSizeInBytes
    "422, FAIL",
    "408, RETRY",
    "429, RETRY",
    "500, RETRY",
    "502, RETRY",
    "503, RETRY",
    "504, RETRY",
    "200, FAIL", // a 200 that is still an error (statement error inside /query)
  })
  void httpAnswers(int status, WriteErrorClassifier.Verdict expected) {
    InfluxWriteException answer = new InfluxWriteException("a write of", options(), status, "x");

    assertThat(WriteErrorClassifier.classify(answer)).isEqualTo(expected);
    assertThat(WriteErrorClassifier.classify(new CompletionException(answer))).isEqualTo(expected);
  }

  static Stream<Arguments> transportErrors() {
    return Stream.of(
        Arguments.of(new ConnectException("Connection refused"), RETRY),
        Arguments.of(new SocketException("Connection reset"), RETRY),
        Arguments.of(new HttpTimeoutException("request timed out"), RETRY),
        Arguments.of(new HttpConnectTimeoutException("connect timed out"), RETRY),
        Arguments.of(new EOFException("EOF reached while reading"), RETRY),
        Arguments.of(new IOException("HTTP/1.1 header parser received no bytes"), RETRY),
        Arguments.of(new CompletionException(new ConnectException("refused")), RETRY),
        Arguments.of(new ExecutionException(new ConnectException("refused")), RETRY),
        Arguments.of(new IllegalArgumentException("bad uri"), FAIL),
        Arguments.of(new NullPointerException(), FAIL));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("transportErrors")
  void transportErrors(Throwable error, WriteErrorClassifier.Verdict expected) {
    assertThat(WriteErrorClassifier.classify(error)).isEqualTo(expected);
  }

  private static InfluxConnectionOptions options() {
    return new InfluxConnectionOptions(
        URI.create("http://localhost:8086"), "ops", null, null, Duration.ofSeconds(1), true);
  }
}
