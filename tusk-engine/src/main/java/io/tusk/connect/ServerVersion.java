package io.tusk.connect;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;

/**
 * A PostgreSQL server version as {@code server_version_num} reports it: {@code 150013} is 15.13. Version
 * branches compare against the named majors, never against literals: {@code version.atLeast(ServerVersion.v15)}.
 */
public record ServerVersion(int versionNum) implements Comparable<ServerVersion> {
    public static final ServerVersion v12 = new ServerVersion(120000);
    public static final ServerVersion v13 = new ServerVersion(130000);
    public static final ServerVersion v14 = new ServerVersion(140000);
    public static final ServerVersion v15 = new ServerVersion(150000);
    public static final ServerVersion v16 = new ServerVersion(160000);
    public static final ServerVersion v17 = new ServerVersion(170000);
    public static final ServerVersion v18 = new ServerVersion(180000);

    /** The oldest and newest majors Tusk dumps and restores. */
    public static final ServerVersion OLDEST_SUPPORTED = v12;
    public static final ServerVersion NEWEST_SUPPORTED = v18;

    public static ServerVersion of(int serverVersionNum) {
        return new ServerVersion(serverVersionNum);
    }

    /**
     * The version of the server behind a connection. Since PostgreSQL 10, {@code server_version_num} is
     * major * 10000 + minor, which is what the JDBC major and minor versions give back.
     */
    public static ServerVersion of(Connection connection) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        return of(meta.getDatabaseMajorVersion() * 10000 + meta.getDatabaseMinorVersion());
    }

    public int major() {
        return versionNum / 10000;
    }

    public boolean atLeast(ServerVersion other) {
        return versionNum >= other.versionNum;
    }

    /** True for the majors 12 to 18, any minor release. */
    public boolean isSupported() {
        return major() >= OLDEST_SUPPORTED.major() && major() <= NEWEST_SUPPORTED.major();
    }

    @Override
    public int compareTo(ServerVersion other) {
        return Integer.compare(versionNum, other.versionNum);
    }

    /** As the server spells it: {@code 15.13}; before PostgreSQL 10 with three parts, {@code 9.6.24}. */
    @Override
    public String toString() {
        if (versionNum >= 100000) {
            return major() + "." + versionNum % 10000;
        }
        return versionNum / 10000 + "." + versionNum / 100 % 100 + "." + versionNum % 100;
    }
}
