package uk.ambulance.ops.jobs.testing;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The set-up of a job test: a real Kafka broker ({@link EmbeddedKafka}) and a Flink MiniCluster
 * ({@link FlinkCluster#twoSlots()} unless told otherwise), started before the class's tests in that
 * order and stopped after them in the other. Register it once:
 *
 * <pre>{@code
 * @RegisterExtension static final KafkaAndFlink CLUSTER = new KafkaAndFlink();
 * static final EmbeddedKafka KAFKA = CLUSTER.kafka();
 * }</pre>
 *
 * Between the tests it hands over to the MiniCluster's extension, which points each test's {@code
 * StreamExecutionEnvironment} at the MiniCluster.
 */
public final class KafkaAndFlink
    implements BeforeAllCallback,
        AfterAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        ParameterResolver {
  private final EmbeddedKafka kafka = new EmbeddedKafka();
  private final MiniClusterExtension flink;

  /** A broker and the MiniCluster the job tests run on, one TaskManager with two slots. */
  public KafkaAndFlink() {
    this(FlinkCluster.twoSlots());
  }

  /** A broker and a MiniCluster configured otherwise (slots, metric reporters). */
  public KafkaAndFlink(MiniClusterResourceConfiguration flink) {
    this(new MiniClusterExtension(flink));
  }

  private KafkaAndFlink(MiniClusterExtension flink) {
    this.flink = flink;
  }

  public EmbeddedKafka kafka() {
    return kafka;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    kafka.beforeAll(context);
    flink.beforeAll(context);
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    try {
      flink.afterAll(context);
    } finally {
      kafka.afterAll(context);
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    flink.beforeEach(context);
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    flink.afterEach(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context)
      throws ParameterResolutionException {
    return flink.supportsParameter(parameter, context);
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context)
      throws ParameterResolutionException {
    return flink.resolveParameter(parameter, context);
  }
}
