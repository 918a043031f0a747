package kg.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class PartialDateTests {

    @Test
    void keepsThePrecisionGivenAndNormalisesDigits() {
        assertEquals("2018", PartialDate.parse("2018").text());
        assertEquals("2018-06", PartialDate.parse("2018-6").text());
        assertEquals("2018-06-05", PartialDate.parse(" 2018-06-5 ").text());
    }

    @Test
    void spansTheWholePeriodItNames() {
        assertEquals(LocalDate.of(2024, 2, 1), PartialDate.parse("2024-02").earliest());
        assertEquals(LocalDate.of(2024, 2, 29), PartialDate.parse("2024-02").latest());
        assertEquals(LocalDate.of(2023, 12, 31), PartialDate.parse("2023").latest());
    }

    @Test
    void refusesImpossibleDates() {
        assertEquals("impossible date `2023-02-29`: February 2023 has no day 29",
                assertThrows(IllegalArgumentException.class, () -> PartialDate.parse("2023-02-29")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> PartialDate.parse("2023-00"));
        assertThrows(IllegalArgumentException.class, () -> PartialDate.parse("23-01-01"));
        assertThrows(IllegalArgumentException.class, () -> PartialDate.parse("2023/01/01"));
    }
}
