package uk.ambulance.ops.jobs.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A test that starts real components (a Flink MiniCluster, a Kafka broker, influxd): left out of
 * the fast tier ({@code ./mvnw test}) and run by {@code ./mvnw verify} (the root pom's {@code
 * cluster-tests} execution).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("cluster")
public @interface ClusterTest {}
