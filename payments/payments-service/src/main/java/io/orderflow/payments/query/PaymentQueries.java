package io.orderflow.payments.query;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Reads the payments read models. */
@Repository
public class PaymentQueries {

    private final JdbcClient jdbc;

    public PaymentQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<AccountSummary> account(String customerId) {
        return jdbc.sql("""
                        SELECT a.customer_id, a.credit_limit,
                               COALESCE(SUM(p.amount) FILTER (WHERE p.status = 'AUTHORIZED'), 0) AS authorized,
                               COALESCE(SUM(p.amount) FILTER (WHERE p.status = 'CAPTURED'), 0) AS captured
                        FROM account_view a LEFT JOIN payment_view p ON p.customer_id = a.customer_id
                        WHERE a.customer_id = ?
                        GROUP BY a.customer_id, a.credit_limit
                        """)
                   .param(customerId)
                   .query((rs, row) -> {
                       BigDecimal limit = money(rs.getBigDecimal("credit_limit"));
                       BigDecimal authorized = money(rs.getBigDecimal("authorized"));
                       BigDecimal captured = money(rs.getBigDecimal("captured"));
                       return new AccountSummary(rs.getString("customer_id"), limit,
                                                 limit.subtract(authorized).subtract(captured), authorized, captured);
                   })
                   .optional();
    }

    public List<PaymentSummary> paymentsOfOrder(String orderId) {
        return jdbc.sql("SELECT * FROM payment_view WHERE order_id = ? ORDER BY updated_at")
                   .param(orderId)
                   .query(PaymentQueries::payment)
                   .list();
    }

    private static BigDecimal money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.UNNECESSARY);
    }

    private static PaymentSummary payment(ResultSet rs, int row) throws SQLException {
        return new PaymentSummary(rs.getString("order_id"), rs.getString("customer_id"), rs.getBigDecimal("amount"),
                                  rs.getString("status"), rs.getString("decline_reason"),
                                  rs.getTimestamp("updated_at").toInstant());
    }
}
