package io.meshlake.jobs.generate;

import java.io.IOException;
import java.io.Writer;
import java.util.Arrays;

/**
 * A reusable, growable buffer holding one CSV row and the boundaries of its fields.
 *
 * <p>Row writers call {@link #reset()}, then {@link #field()} before each field followed by {@code
 * append...} calls for its content. Values never contain commas, quotes or line breaks, so no
 * quoting is needed. {@link Malformer} edits fields in place before the row is written.
 */
final class RowBuffer {

  private char[] chars = new char[1024];
  private int length;
  private int[] fieldStarts = new int[64];
  private int fieldCount;

  /** Empties the buffer for a new row. */
  RowBuffer reset() {
    length = 0;
    fieldCount = 0;
    return this;
  }

  /** Starts the next field (writing the separating comma unless it is the first). */
  RowBuffer field() {
    if (fieldCount > 0) {
      ensureRoom(1);
      chars[length++] = ',';
    }
    if (fieldCount == fieldStarts.length) {
      fieldStarts = Arrays.copyOf(fieldStarts, fieldCount * 2);
    }
    fieldStarts[fieldCount++] = length;
    return this;
  }

  RowBuffer append(String s) {
    int n = s.length();
    ensureRoom(n);
    s.getChars(0, n, chars, length);
    length += n;
    return this;
  }

  RowBuffer append(char[] s) {
    ensureRoom(s.length);
    System.arraycopy(s, 0, chars, length, s.length);
    length += s.length;
    return this;
  }

  RowBuffer append(char c) {
    ensureRoom(1);
    chars[length++] = c;
    return this;
  }

  /** Appends a non-negative or negative integer in decimal. */
  RowBuffer append(long value) {
    if (value < 0) {
      append('-');
      value = -value;
    }
    ensureRoom(20);
    int digits = 1;
    for (long v = value / 10; v > 0; v /= 10) {
      digits++;
    }
    for (int i = length + digits - 1; i >= length; i--) {
      chars[i] = (char) ('0' + value % 10);
      value /= 10;
    }
    length += digits;
    return this;
  }

  /** Appends zero-padded {@code value} with at least {@code width} digits (e.g. SSN and ZIP parts). */
  RowBuffer appendPadded(long value, int width) {
    ensureRoom(width);
    for (int i = length + width - 1; i >= length; i--) {
      chars[i] = (char) ('0' + value % 10);
      value /= 10;
    }
    length += width;
    return this;
  }

  /** Appends {@code scaled / 10^decimals} with exactly {@code decimals} decimals, e.g. money in cents with 2. */
  RowBuffer appendFixed(long scaled, int decimals) {
    if (scaled < 0) {
      append('-');
      scaled = -scaled;
    }
    long unit = 1;
    for (int i = 0; i < decimals; i++) {
      unit *= 10;
    }
    append(scaled / unit);
    append('.');
    return appendPadded(scaled % unit, decimals);
  }

  /** Appends money given in cents, e.g. 7749 as {@code 77.49}. */
  RowBuffer appendMoney(long cents) {
    return appendFixed(cents, 2);
  }

  RowBuffer appendDate(long epochDay) {
    ensureRoom(IsoDates.DATE_LENGTH);
    length = IsoDates.writeDate(epochDay, chars, length);
    return this;
  }

  RowBuffer appendTimestamp(long epochSecond) {
    ensureRoom(IsoDates.TIMESTAMP_LENGTH);
    length = IsoDates.writeTimestamp(epochSecond, chars, length);
    return this;
  }

  RowBuffer appendId(IdGenerator ids, long owner, long local) {
    ensureRoom(IdGenerator.LENGTH);
    ids.write(owner, local, chars, length);
    length += IdGenerator.LENGTH;
    return this;
  }

  int fieldCount() {
    return fieldCount;
  }

  /** @return true if field {@code index} has no characters */
  boolean isEmpty(int index) {
    return fieldEnd(index) == fieldStarts[index];
  }

  /** Replaces the content of field {@code index} with {@code value}. */
  void replaceField(int index, String value) {
    int start = fieldStarts[index];
    int end = fieldEnd(index);
    int delta = value.length() - (end - start);
    ensureRoom(Math.max(delta, 0));
    System.arraycopy(chars, end, chars, end + delta, length - end);
    value.getChars(0, value.length(), chars, start);
    length += delta;
    for (int i = index + 1; i < fieldCount; i++) {
      fieldStarts[i] += delta;
    }
  }

  /** Removes field {@code index} and one separator; requires at least two fields. */
  void removeField(int index) {
    int from = index == 0 ? 0 : fieldStarts[index] - 1; // the comma before it
    int to = index == 0 ? fieldStarts[1] : fieldEnd(index); // or the comma after it
    int removed = to - from;
    System.arraycopy(chars, to, chars, from, length - to);
    length -= removed;
    for (int i = index + 1; i < fieldCount; i++) {
      fieldStarts[i - 1] = fieldStarts[i] - removed;
    }
    fieldCount--;
  }

  /** Inserts a copy of field {@code index} right after it (a shifted, duplicated column). */
  void duplicateField(int index) {
    int start = fieldStarts[index];
    int end = fieldEnd(index);
    int inserted = end - start + 1;
    ensureRoom(inserted);
    System.arraycopy(chars, end, chars, end + inserted, length - end);
    chars[end] = ',';
    System.arraycopy(chars, start, chars, end + 1, end - start);
    length += inserted;
    if (fieldCount == fieldStarts.length) {
      fieldStarts = Arrays.copyOf(fieldStarts, fieldCount * 2);
    }
    for (int i = fieldCount; i > index + 1; i--) {
      fieldStarts[i] = fieldStarts[i - 1] + inserted;
    }
    fieldStarts[index + 1] = end + 1;
    fieldCount++;
  }

  /** Writes the row and a line feed. */
  void writeLine(Writer out) throws IOException {
    ensureRoom(1);
    chars[length] = '\n';
    out.write(chars, 0, length + 1);
  }

  private int fieldEnd(int index) {
    return index + 1 < fieldCount ? fieldStarts[index + 1] - 1 : length;
  }

  private void ensureRoom(int extra) {
    if (length + extra + 1 > chars.length) { // +1 keeps room for the line feed
      chars = Arrays.copyOf(chars, Math.max(chars.length * 2, length + extra + 1));
    }
  }
}
