package io.meshlake.fhir.view;

import java.io.Serializable;

/**
 * A column of a compiled view's output, in output order.
 *
 * @param name the column name
 * @param type the declared FHIR type, else the type the path always returns (e.g. {@code boolean} for
 *     {@code exists()}, {@code integer} for {@code %rowIndex}), else null (read as string)
 * @param collection whether values are arrays
 * @param ansiType the {@code ansi/type} tag (e.g. {@code DATE}, {@code DECIMAL(10,2)}), or null
 */
public record ViewColumn(String name, String type, boolean collection, String ansiType) implements Serializable {}
