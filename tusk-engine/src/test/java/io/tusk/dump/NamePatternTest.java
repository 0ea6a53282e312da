package io.tusk.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** pg_dump's pattern rules, as psql's \d patterns. */
class NamePatternTest {
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
    void regularExpressionCharactersOutsideWildcardsAreLiteral() {
        assertThat(NamePattern.parse("a+b", true).matches("public", "a+b")).isTrue();
        assertThat(NamePattern.parse("a+b", true).matches("public", "aab")).isFalse();
    }

    @Test
    void schemaPatternsHaveOnePart() {
        assertThat(NamePattern.parse("tusk_*", false).matchesSchema("tusk_a")).isTrue();
        assertThatThrownBy(() -> NamePattern.parse("a.b.c", false)).hasMessageContaining("too many dotted names");
    }
}
