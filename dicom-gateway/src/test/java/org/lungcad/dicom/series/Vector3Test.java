package org.lungcad.dicom.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class Vector3Test {

    @Test
    void axialRowAndColumnGiveTheFeetToHeadNormal() {
        Vector3 row = new Vector3(1, 0, 0);
        Vector3 column = new Vector3(0, 1, 0);
        assertThat(row.cross(column)).isEqualTo(new Vector3(0, 0, 1));
        assertThat(row.dot(column)).isZero();
    }

    @Test
    void directionCosinesAreNormalisedOnlyWhenCloseToUnitLength() {
        // IOP written with 6 decimals is a little off unit length; a zero vector or a position is no direction
        Vector3 unit = new Vector3(0.999999, 0.000001, 0).unit().orElseThrow();
        assertThat(unit.norm()).isCloseTo(1, within(1e-12));
        assertThat(new Vector3(0, 0, 0).unit()).isEmpty();
        assertThat(new Vector3(-166, -171.7, -340).unit()).isEmpty();
    }

    @Test
    void readsTheFirstThreeValuesOfAMultiValuedAttribute() {
        assertThat(Vector3.of(new double[] {1, 0, 0, 0, 1, 0})).isEqualTo(new Vector3(1, 0, 0));
        assertThat(new Vector3(-166, -171.7, -340).minus(new Vector3(-166, -171.7, -342.5)).toArray())
                .containsExactly(0, 0, 2.5);
        assertThatThrownBy(() -> Vector3.of(new double[] {1, 2})).isInstanceOf(IllegalArgumentException.class);
    }
}
