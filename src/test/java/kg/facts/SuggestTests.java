package kg.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class SuggestTests {

    @Test
    void theNearestWinsAndATieGoesToTheFirstInAlphabeticalOrderWhateverTheOrderGiven() {
        assertEquals(" (did you mean `p`?)", Suggest.didYouMean("y", List.of("x", "p", "company-1")));
        assertEquals(" (did you mean `p`?)", Suggest.didYouMean("y", List.of("p", "x")));
        assertEquals(" (did you mean `company-12`?)",
                Suggest.didYouMean("compnay-12", List.of("company-1", "company-123", "company-12", "person-12")));
    }

    @Test
    void aCandidateOfAnotherLengthStillCountsAndNothingFarIsSuggested() {
        assertEquals(" (did you mean `beta`?)", Suggest.didYouMean("betta", List.of("alpha", "beta", "gamma")));
        assertEquals(" (did you mean `Company`?)", Suggest.didYouMean("Compnay", List.of("Person", "Company")));
        assertEquals("", Suggest.didYouMean("zzzzzz", List.of("a", "company-1", "beta")));
    }
}
