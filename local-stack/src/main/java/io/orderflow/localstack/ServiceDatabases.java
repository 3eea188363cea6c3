package io.orderflow.localstack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * Gives every service its own database and login role of the same name. The role owns its database and is the
 * only non-superuser allowed to connect to it. Safe to run on every start.
 */
final class ServiceDatabases {

    private ServiceDatabases() {
    }

    /** @param passwords password per role (= database) name */
    static void provision(String superuserJdbc, Map<String, String> passwords) {
        try (Connection connection = DriverManager.getConnection(superuserJdbc);
             Statement statement = connection.createStatement()) {
            for (Map.Entry<String, String> role : passwords.entrySet()) {
                String name = identifier(role.getKey());
                String password = role.getValue().replace("'", "''");
                if (!exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", role.getKey())) {
                    statement.execute("CREATE ROLE " + name);
                }
                statement.execute("ALTER ROLE " + name + " LOGIN PASSWORD '" + password + "'");
                if (!exists(connection, "SELECT 1 FROM pg_database WHERE datname = ?", role.getKey())) {
                    statement.execute("CREATE DATABASE " + name + " OWNER " + name);
                }
                statement.execute("ALTER DATABASE " + name + " OWNER TO " + name);
                statement.execute("REVOKE CONNECT, TEMPORARY ON DATABASE " + name + " FROM PUBLIC");
                statement.execute("GRANT CONNECT, TEMPORARY ON DATABASE " + name + " TO " + name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the services' databases: " + e.getMessage(), e);
        }
    }

    private static boolean exists(Connection connection, String query, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, name);
            try (ResultSet result = statement.executeQuery()) {
                return result.next();
            }
        }
    }

    private static String identifier(String name) {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("Not a plain identifier: " + name);
        }
        return name;
    }
}
