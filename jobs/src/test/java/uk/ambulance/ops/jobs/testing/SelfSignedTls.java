package uk.ambulance.ops.jobs.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed TLS identity for a broker on 127.0.0.1, made with the JDK's {@code keytool}: a
 * PKCS12 key store for the broker and its certificate as PEM, which clients trust ({@code
 * ssl.truststore.type=PEM}). The certificate names both {@code 127.0.0.1} and {@code localhost}, so
 * clients keep verifying the host name.
 */
public record SelfSignedTls(Path keystore, String password, Path certificatePem) {
  public static SelfSignedTls create(Path dir, String password)
      throws IOException, InterruptedException {
    Path keystore = dir.resolve("broker.p12");
    Path pem = dir.resolve("broker-certificate.pem");
    keytool(
        "-genkeypair",
        "-alias",
        "broker",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-validity",
        "7",
        "-dname",
        "CN=localhost",
        "-ext",
        "SAN=ip:127.0.0.1,dns:localhost",
        "-storetype",
        "PKCS12",
        "-keystore",
        keystore.toString(),
        "-storepass",
        password,
        "-keypass",
        password);
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        "broker",
        "-keystore",
        keystore.toString(),
        "-storepass",
        password,
        "-file",
        pem.toString());
    return new SelfSignedTls(keystore, password, pem);
  }

  /** The JAAS line of a SCRAM login, client or broker. */
  public static String scramJaas(String user, String password) {
    return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
        + user
        + "\" password=\""
        + password
        + "\";";
  }

  private static void keytool(String... args) throws IOException, InterruptedException {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException("keytool " + args[0] + " failed: " + output);
    }
  }
}
