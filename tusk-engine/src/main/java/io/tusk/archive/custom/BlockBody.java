package io.tusk.archive.custom;

import java.io.IOException;

/** The body of a block being read from a stream: what is left of it is skipped before the next block is looked for. */
interface BlockBody {
    void skipRest() throws IOException;
}
