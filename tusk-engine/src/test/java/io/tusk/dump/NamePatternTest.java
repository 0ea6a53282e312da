package io.tusk.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Patterns as psql's patternToSQLRegex reads them (src/fe_utils/string_utils.c). */
class NamePatternTest {
    @Test
    void regularExpressionSyntaxOutsideQuotesIsPassedThrough() {
        NamePattern classes = NamePattern.parse("film_[ac]*", true);
        NamePattern alternation = NamePattern.parse("public.actor|film", true);

        assertThat(classes.matches("public", "film_actor")).isTrue();
        assertThat(classes.matches("public", "film_category")).isTrue();
        assertThat(classes.matches("public", "film_text")).isFalse();
        assertThat(alternation.matches("public", "actor")).isTrue();
        assertThat(alternation.matches("public", "film")).isTrue();
        assertThat(alternation.matches("public", "actors")).isFalse();
    }

    @Test
    void regularExpressionSyntaxInsideQuotesAndDollarAreLiteral() {
        assertThat(NamePattern.parse("\"a[b]\"", true).matches("public", "a[b]")).isTrue();
        assertThat(NamePattern.parse("\"a[b]\"", true).matches("public", "ab")).isFalse();
        assertThat(NamePattern.parse("price$", true).matches("public", "price$")).isTrue();
    }

    @Test
    void unquotedLettersFoldAndQuotedOnesDoNot() {
        assertThat(NamePattern.parse("PUBLIC.ACTOR", true).matches("public", "actor")).isTrue();
        assertThat(NamePattern.parse("\"Mixed Case\"", true).matches("public", "Mixed Case")).isTrue();
        assertThat(NamePattern.parse("\"Mixed Case\"", true).matches("public", "mixed case")).isFalse();
        assertThat(NamePattern.parse("\"Odd Schema\".*", true).matches("Odd Schema", "T1")).isTrue();
    }

    @Test
    void unquotedNamesFoldToLowerCaseAndMatchOnlyWholeNamesInPublic() {
        NamePattern p = NamePattern.parse("Film", true);
        assertThat(p.matches("public", "film")).isTrue();
        assertThat(p.matches("public", "film_actor")).isFalse();
        assertThat(p.matches("other", "film")).isFalse();
    }

    @Test
    void wildcardsMatchAnyRunOrOneCharacter() {
        assertThat(NamePattern.parse("film*", true).matches("public", "film_actor")).isTrue();
        assertThat(NamePattern.parse("fil?", true).matches("public", "film")).isTrue();
        assertThat(NamePattern.parse("fil?", true).matches("public", "films")).isFalse();
    }

    @Test
    void aDotSeparatesSchemaFromNameAndBothMayHaveWildcards() {
        NamePattern p = NamePattern.parse("tusk_*.t*", true);
        assertThat(p.matches("tusk_a", "things")).isTrue();
        assertThat(p.matches("public", "things")).isFalse();
    }

    @Test
    void doubleQuotesKeepCaseDotsAndStarsLiterally() {
        NamePattern p = NamePattern.parse("\"Tusk Mixed Case\".\"My.Table*\"", true);
        assertThat(p.matches("Tusk Mixed Case", "My.Table*")).isTrue();
        assertThat(p.matches("Tusk Mixed Case", "My.Tables")).isFalse();
        assertThat(NamePattern.parse("\"a\"\"b\"", true).matches("public", "a\"b")).isTrue();
    }

    @Test
    void schemaPatternsHaveOnePart() {
        assertThat(NamePattern.parse("tusk_*", false).matchesSchema("tusk_a")).isTrue();
        assertThatThrownBy(() -> NamePattern.parse("a.b.c", false)).hasMessageContaining("too many dotted names");
    }
}
