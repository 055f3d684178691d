package uk.ambulance.ops.jobs.hospitals;

import java.io.Serializable;
import java.time.Duration;

/**
 * @param handoverStandard crew time at the ED beyond this is lost (15 minutes in the NHS standard)
 * @param releaseAfter a crew waiting this long is released to respond (45 minutes in London)
 * @param statusStale a hospital whose last status is older than this is no longer reported
 */
public record HospitalSettings(
    Duration handoverStandard, Duration releaseAfter, Duration statusStale)
    implements Serializable {}
