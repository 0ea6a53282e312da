package io.tusk.archive;

/** The sections of pg_dump's table of contents, with the codes its archives store (teSection). */
public enum Section {
    NONE(1, "none"),
    PRE_DATA(2, "pre-data"),
    DATA(3, "data"),
    POST_DATA(4, "post-data");

    private final int code;
    private final String optionName;

    Section(int code, String optionName) {
        this.code = code;
        this.optionName = optionName;
    }

    /** The number written in custom, directory and tar archives. */
    public int code() {
        return code;
    }

    /** The spelling of {@code --section}. */
    public String optionName() {
        return optionName;
    }

    public static Section ofCode(int code) {
        for (Section s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown archive section code " + code);
    }

    public static Section ofOptionName(String name) {
        for (Section s : values()) {
            if (s != NONE && s.optionName.equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unrecognized section name: \"" + name + "\" (use pre-data, data or post-data)");
    }
}
