package io.orderflow.reporting.web;

import io.orderflow.reporting.query.Tabular;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/** Writes a {@link Tabular} report as {@code text/csv} (RFC 4180: a header line, CRLF line ends, quoted as needed). */
public class CsvMessageConverter extends AbstractHttpMessageConverter<Tabular> {

    public static final String TEXT_CSV_VALUE = "text/csv";
    public static final MediaType TEXT_CSV = MediaType.parseMediaType(TEXT_CSV_VALUE);

    public CsvMessageConverter() {
        super(StandardCharsets.UTF_8, TEXT_CSV);
    }

    @Override
    protected boolean supports(Class<?> clazz) {
        return Tabular.class.isAssignableFrom(clazz);
    }

    @Override
    protected boolean canRead(MediaType mediaType) {
        return false;
    }

    @Override
    protected Tabular readInternal(Class<? extends Tabular> clazz, HttpInputMessage inputMessage) {
        throw new HttpMessageNotReadableException("CSV is written only", inputMessage);
    }

    @Override
    protected void writeInternal(Tabular table, HttpOutputMessage outputMessage) throws IOException {
        Writer writer = new OutputStreamWriter(outputMessage.getBody(), StandardCharsets.UTF_8);
        writer.write(line(List.copyOf(table.header())));
        for (List<Object> row : table.rows()) {
            writer.write(line(row));
        }
        writer.flush();
    }

    private static String line(List<?> values) {
        return values.stream().map(CsvMessageConverter::field).collect(Collectors.joining(",")) + "\r\n";
    }

    private static String field(Object value) {
        if (value == null) {
            return "";
        }
        String text = value instanceof java.math.BigDecimal decimal ? decimal.toPlainString() : value.toString();
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
