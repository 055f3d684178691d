package uk.ambulance.ops.jobs.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;
import uk.ambulance.ops.events.geo.ServiceRegion;
import uk.ambulance.ops.events.kafka.KafkaClientProperties;
import uk.ambulance.ops.events.model.Category;
import uk.ambulance.ops.jobs.sink.influx.InfluxApiVersion;
import uk.ambulance.ops.jobs.stats.CentileDefinition;

/**
 * How the job's option values are read and range-checked. A refused value becomes picocli's usage
 * error, one line naming the option: never a trace from a Kafka client or an operator later on.
 */
final class OptionTypes {
  private OptionTypes() {}

  /** A positive whole number of seconds. */
  static final class Seconds implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      Duration d = wholeSeconds(value);
      if (d.isZero()) {
        throw new TypeConversionException("must be a positive number of seconds, got " + value);
      }
      return d;
    }
  }

  /** A whole number of seconds, zero to turn a wait off. */
  static final class SecondsOrZero implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      return wholeSeconds(value);
    }
  }

  private static Duration wholeSeconds(String value) {
    long seconds;
    try {
      seconds = Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new TypeConversionException("must be a whole number of seconds, got '" + value + "'");
    }
    if (seconds < 0) {
      throw new TypeConversionException("must be a positive number of seconds, got " + value);
    }
    return Duration.ofSeconds(seconds);
  }

  /** A positive, finite number. */
  static final class Positive implements ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
      double number;
      try {
        number = Double.parseDouble(value);
      } catch (NumberFormatException e) {
        throw new TypeConversionException("must be a number, got '" + value + "'");
      }
      if (!(number > 0) || Double.isInfinite(number)) {
        throw new TypeConversionException("must be a positive number, got " + value);
      }
      return number;
    }
  }

  /** A positive whole number (a count). */
  static final class Count implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      int count;
      try {
        count = Integer.parseInt(value);
      } catch (NumberFormatException e) {
        throw new TypeConversionException("must be a whole number, got '" + value + "'");
      }
      if (count <= 0) {
        throw new TypeConversionException("must be a positive whole number, got " + value);
      }
      return count;
    }
  }

  /** HOST:PORT[,HOST:PORT...]: checked here, or Kafka's client fails later with a trace. */
  static final class BootstrapServers implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      for (String server : value.split(",", -1)) {
        int colon = server.lastIndexOf(':');
        boolean ok = colon > 0 && server.substring(colon + 1).matches("[0-9]{1,5}");
        if (!ok || Integer.parseInt(server.substring(colon + 1)) > 65535) {
          throw new TypeConversionException(
              "must be HOST:PORT[,HOST:PORT...], got '" + value + "'");
        }
      }
      return value;
    }
  }

  /** An http(s) URL with a host: checked here, or the sink fails on the cluster with a trace. */
  static final class HttpUrl implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      try {
        URI uri = new URI(value);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
          return value;
        }
      } catch (URISyntaxException e) {
        // reported below
      }
      throw new TypeConversionException(
          "must be an http:// or https:// URL with a host, got '" + value + "'");
    }
  }

  static final class KafkaProperties implements ITypeConverter<KafkaClientProperties> {
    @Override
    public KafkaClientProperties convert(String file) {
      return refusing(() -> KafkaClientProperties.load(Path.of(file)));
    }
  }

  static final class InfluxApi implements ITypeConverter<InfluxApiVersion> {
    @Override
    public InfluxApiVersion convert(String value) {
      return refusing(() -> InfluxApiVersion.parse(value));
    }
  }

  static final class Centile implements ITypeConverter<CentileDefinition> {
    @Override
    public CentileDefinition convert(String value) {
      return refusing(() -> CentileDefinition.fromLabel(value));
    }
  }

  static final class Region implements ITypeConverter<ServiceRegion> {
    @Override
    public ServiceRegion convert(String value) {
      return refusing(() -> ServiceRegion.parse("the configured region", value));
    }
  }

  /** {@code N} for every category, or {@code C1=N,C2=N,...}. */
  static final class StartCaps implements ITypeConverter<Map<Category, Duration>> {
    @Override
    public Map<Category, Duration> convert(String value) {
      Map<Category, Duration> caps = new EnumMap<>(Category.class);
      try {
        if (!value.contains("=")) {
          Duration all = Duration.ofSeconds(Long.parseLong(value.trim()));
          for (Category c : Category.values()) {
            caps.put(c, all);
          }
          return caps;
        }
        for (String part : value.split(",")) {
          String[] kv = part.split("=", 2);
          caps.put(
              Category.valueOf(kv[0].trim()), Duration.ofSeconds(Long.parseLong(kv[1].trim())));
        }
        return caps;
      } catch (RuntimeException e) {
        throw new TypeConversionException("must be N or C1=N,C2=N,..., got '" + value + "'");
      }
    }
  }

  /** The domain's own parsers say what is wrong in an IllegalArgumentException. */
  private static <T> T refusing(java.util.function.Supplier<T> parse) {
    try {
      return parse.get();
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
