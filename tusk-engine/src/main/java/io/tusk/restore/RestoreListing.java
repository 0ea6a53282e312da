package io.tusk.restore;

import io.tusk.TuskException;
import io.tusk.archive.ArchiveEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** pg_restore's -l listing and the -L list files made from it. */
public final class RestoreListing {
    private static final Pattern ENTRY_LINE = Pattern.compile("^\\s*(\\d+)\\s*;");

    private RestoreListing() {
    }

    /** The entry lines of {@code pg_restore -l}: "id; tableoid oid DESC schema tag owner", for the selected entries. */
    public static String list(List<ArchiveEntry> entries, RestoreOptions options) {
        RestoreProcess process = new RestoreProcess(entries, options, null, null);
        return RestoreProcess.list(process.selectedEntries());
    }

    /**
     * The dump ids of a list file, in its order. Lines starting with ';' are comments, as are blank lines; a line
     * is kept by its leading number.
     */
    public static List<Integer> parseUseList(List<String> lines) {
        List<Integer> ids = new ArrayList<>();
        int number = 0;
        for (String line : lines) {
            number++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith(";")) {
                continue;
            }
            Matcher m = ENTRY_LINE.matcher(line);
            if (!m.find()) {
                throw new TuskException("line " + number + " of the list file is not an entry line (\"ID; ...\"): " + trimmed);
            }
            ids.add(Integer.parseInt(m.group(1)));
        }
        return ids;
    }
}
