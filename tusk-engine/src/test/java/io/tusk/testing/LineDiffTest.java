package io.tusk.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class LineDiffTest {
    @Test
    void equalListsHaveNoDiff() {
        assertThat(LineDiff.diff(List.of("a", "b"), List.of("a", "b"))).isEmpty();
    }

    @Test
    void aChangedLineShowsAsRemovedAndAddedWithContext() {
        List<String> diff = LineDiff.diff(List.of("a", "b", "c", "d", "e"), List.of("a", "b", "X", "d", "e"));

        assertThat(diff).containsExactly("@@ line 3 @@", " a", " b", "-c", "+X", " d", " e");
    }

    @Test
    void insertedLinesAreAlignedBetweenUnchangedOnes() {
        List<String> diff = LineDiff.diff(List.of("a", "b", "c"), List.of("a", "x", "b", "y", "c"));

        assertThat(diff).containsExactly("@@ line 2 @@", " a", "+x", " b", "+y", " c");
    }

    @Test
    void normalizationDropsTheLinesThatDifferBetweenAnyTwoDumps() {
        String dump = "--\n-- PostgreSQL database dump\n--\n\\restrict abc\n-- Dumped from database version 18.1\n"
                + "-- Name: t; Type: TABLE; Schema: public; Owner: postgres\nCREATE TABLE public.t ();\n\\unrestrict abc\n";

        assertThat(DatabaseComparator.normalize(dump)).containsExactly("--", "--", "CREATE TABLE public.t ();");
    }
}
