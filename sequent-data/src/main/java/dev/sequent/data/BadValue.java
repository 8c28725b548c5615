package dev.sequent.data;

import java.time.LocalDateTime;

/**
 * A known sensor error in a dataset: a value equal to the sentinel
 * {@link JenaClimateData#SENTINEL} (-9999), as the original Jena file has for a few wind speeds
 * in July 2015.
 *
 * @param row the 0-based data row (the header not counted)
 * @param column the 0-based numeric column ({@code Date Time} not counted, as in the book's
 *     {@code float_data})
 * @param columnName the column's name from the header, e.g. {@code wv (m/s)}
 * @param time the row's timestamp
 * @param value the value found
 */
public record BadValue(int row, int column, String columnName, LocalDateTime time, float value) {
}
