package uk.ambulance.ops.events.geo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import uk.ambulance.ops.events.model.Area;

class LondonTest {
  @Test
  void everyBoroughCentreLiesInsideTheServiceRegionAndMapsToItsOwnArea() {
    for (Borough b : London.BOROUGHS) {
      assertThat(ServiceRegion.GREATER_LONDON.contains(b.lat(), b.lon())).as(b.name()).isTrue();
      assertThat(London.nearestBorough(b.lat(), b.lon())).isEqualTo(b);
    }
  }

  @Test
  void coversAllFiveAreasAndAboutNineMillionPeople() {
    assertThat(London.BOROUGHS).extracting(Borough::area).contains(Area.values());
    int people = London.BOROUGHS.stream().mapToInt(Borough::population).sum();
    assertThat(people).isBetween(8_500_000, 9_200_000);
  }

  @Test
  void placesOutsideLondonAreOutsideTheRegion() {
    assertThat(ServiceRegion.GREATER_LONDON.contains(53.48, -2.24)).isFalse(); // Manchester
    assertThat(ServiceRegion.GREATER_LONDON.contains(51.75, -1.26)).isFalse(); // Oxford
  }
}
