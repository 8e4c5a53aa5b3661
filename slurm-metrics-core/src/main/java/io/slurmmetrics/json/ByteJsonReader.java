package io.slurmmetrics.json;

import com.squareup.moshi.JsonEncodingException;
import java.io.EOFException;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import okio.Buffer;
import okio.BufferedSource;

/**
 * A pull reader over the raw bytes of a JSON document, for the answers too large for Moshi: the job lists. slurmdb's
 * finished jobs of a day on a large cluster are a million jobs and 5-12 GB, where a bare Moshi {@code skipValue()}
 * alone costs 32-64 s of CPU; a 50,000-job queue is 250-300 MB on every refresh. Bytes are copied from the source
 * into one window and walked in place: a skipped value is found by its brackets and quotes only, a key is matched
 * against a {@link ByteKeyTable} without becoming a String, and integers are parsed from the bytes. 2.8 (compact) to
 * 4 (pretty) times as fast as Moshi's own {@code skipValue()} on these answers ({@code DecodeBenchmark}).
 *
 * <p>What it checks: quotes and brackets balance, a key is followed by {@code :}, nothing but whitespace follows the
 * document, and the input does not end early ({@link EOFException}). Malformed input otherwise fails with a
 * {@link JsonEncodingException} naming the byte offset. Inside skipped values only strings and brackets are followed,
 * and commas are taken as separators wherever they stand: this reads what Slurm writes, it does not validate JSON.
 * Not thread-safe.
 */
final class ByteJsonReader {
  /** What {@link #peek()} can see. */
  static final int OBJECT = 1;
  static final int ARRAY = 2;
  static final int STRING = 3;
  static final int NUMBER = 4;
  static final int BOOLEAN = 5;
  static final int NULL = 6;
  /** A bare word other than true/false/null ({@code Infinity}, {@code NaN}: Slurm prints those). */
  static final int LITERAL = 7;
  /** The end of the enclosing object or array. */
  static final int END = 8;

  private static final int MAX_WINDOW = 64 << 20;

  private final BufferedSource source;
  private byte[] buf;
  private int pos;
  private int limit;
  /** Bytes dropped from the front of the window so far, for offsets in messages. */
  private long dropped;
  private boolean exhausted;
  /** Objects entered with {@link #beginObject} and, for each, the index of its last key (see {@link ByteKeyTable}). */
  private int depth;
  private int[] lastKey = new int[16];
  /** Where the value of {@link #markValue} starts in the window (kept there until released), -1 when none. */
  private int mark = -1;

  ByteJsonReader(BufferedSource source) {
    this(source, 1 << 16);
  }

  /** With a window of {@code window} bytes to start with (tests use a tiny one, to refill at every position). */
  ByteJsonReader(BufferedSource source, int window) {
    if (window < 1) throw new IllegalArgumentException("window must be > 0: " + window);
    this.source = source;
    this.buf = new byte[window];
  }

  // ---- structure ----

  /** The kind of the next value (or {@link #END}), without consuming it. */
  int peek() throws IOException {
    int c = nextNonWhitespace();
    switch (c) {
      case '{': return OBJECT;
      case '[': return ARRAY;
      case '"': return STRING;
      case '}': case ']': return END;
      case 't': case 'f': return BOOLEAN;
      case 'n': return NULL;
      default:
        return c == '-' || (c >= '0' && c <= '9') ? NUMBER : LITERAL;
    }
  }

  /** True when the document is an object (the first byte after whitespace is {@code {}). */
  boolean startsWithObject() throws IOException {
    return fillSkippingWhitespace() && buf[pos] == '{';
  }

  void beginObject() throws IOException {
    expect('{');
    if (++depth == lastKey.length) lastKey = Arrays.copyOf(lastKey, depth * 2);
    lastKey[depth] = ByteKeyTable.START;
  }

  void endObject() throws IOException {
    expect('}');
    if (depth > 0) depth--;
  }

  void beginArray() throws IOException {
    expect('[');
  }

  void endArray() throws IOException {
    expect(']');
  }

  /** True when the enclosing object or array has another element; consumes the comma before it. */
  boolean hasNext() throws IOException {
    // compact answers: a comma and the next key or value right after it, or the closing bracket
    int p = pos;
    if (p + 1 < limit) {
      byte c = buf[p];
      if (c == ',') {
        byte d = buf[p + 1];
        if (d > ' ') {
          pos = p + 1;
          return d != '}' && d != ']';
        }
      } else if (c == '}' || c == ']') {
        return false;
      } else if (c > ' ') {
        return true; // the first element
      }
    }
    return hasNextSlow();
  }

  private boolean hasNextSlow() throws IOException {
    int c = nextNonWhitespace();
    if (c == ',') {
      pos++;
      c = nextNonWhitespace();
    }
    return c != '}' && c != ']';
  }

  /** Fails unless only whitespace is left. */
  void endDocument() throws IOException {
    if (fillSkippingWhitespace()) throw malformed("trailing data after the JSON object");
  }

  // ---- keys ----

  /**
   * Consumes a key and its colon: the key's index among the keys {@code keys} reads, or -1 for any other key (its
   * value is then still to skip). The key is first compared with the one that followed the previous key last time
   * (Slurm writes every object's keys in the same order), which matches nearly every key of an answer in one
   * comparison; otherwise its bytes are hashed and looked up.
   */
  int nextKey(ByteKeyTable keys) throws IOException {
    // kept small enough for the JIT to inline into every reader loop (this runs ~140 times per slurmdb job); the
    // rest, taken only when the guess is wrong or the window short, is nextKeySlow
    int previous = lastKey[depth];
    BytePattern guess = keys.guess(previous);
    int p = pos;
    if (guess != null && limit - p >= BytePattern.MAX_BYTES && guess.matches(buf, p)) {
      // the guessed key with its quotes and colon, compared a word at a time
      pos = p + guess.length();
      lastKey[depth] = guess.key;
      return guess.result;
    }
    return nextKeySlow(keys, previous, keys.successor(previous));
  }

  private int nextKeySlow(ByteKeyTable keys, int previous, int guess) throws IOException {
    if (guess >= 0 && nextNonWhitespace() == '"' && limit - pos >= BytePattern.MAX_BYTES
        && keys.matches(guess, buf, pos)) { // whitespace before the key (pretty-printed answers)
      pos += keys.patternLength(guess);
      lastKey[depth] = guess;
      return keys.result(guess);
    }
    expect('"');
    if (guess >= 0) {
      byte[] k = keys.bytes[guess];
      int n = k.length;
      if ((limit - pos > n || fill(n + 1)) && buf[pos + n] == '"' && sameBytes(buf, pos, k)) {
        pos += n + 1;
        colon();
        lastKey[depth] = guess;
        return keys.result(guess);
      }
    }
    int start = pos;
    int hash = 0;
    while (true) {
      if (pos == limit) {
        start = keep(start);
        if (pos == limit) throw truncated("inside a key");
      }
      byte b = buf[pos];
      if (b == '"') break;
      if (b == '\\') { // an escaped key: rare enough to decode
        int i = keys.indexOf(escapedString(start));
        colon();
        return i < 0 ? -1 : keys.result(i);
      }
      hash = 31 * hash + b;
      pos++;
    }
    int i = keys.find(buf, start, pos, hash);
    pos++;
    colon();
    if (i < 0) return -1; // an unknown key leaves the guess alone: the key after it is guessed from the one before
    keys.follows(previous, i);
    lastKey[depth] = i;
    return keys.result(i);
  }

  /** Whether {@code b} holds {@code key} at {@code p} (the caller made sure the bytes are there). */
  private static boolean sameBytes(byte[] b, int p, byte[] key) {
    // keys are short: words and a byte loop beat Arrays.equals, whose setup dominated the key matching
    int n = key.length;
    int i = 0;
    for (; i + 8 <= n; i += 8) {
      if ((long) LONGS.get(b, p + i) != (long) LONGS.get(key, i)) return false;
    }
    for (; i < n; i++) {
      if (b[p + i] != key[i]) return false;
    }
    return true;
  }

  /** A key as a String (for the few keys of a document's top level). */
  String nextName() throws IOException {
    String name = nextString();
    colon();
    return name;
  }

  private void colon() throws IOException {
    if (nextNonWhitespace() != ':') throw malformed("expected ':' after a key");
    pos++;
  }

  // ---- values ----

  /** A string value; other values are read as {@link JsonValues#string} does (numbers as written, null as ""). */
  String nextString() throws IOException {
    int c = nextNonWhitespace();
    if (c != '"') return nonStringAsString(c);
    pos++;
    int start = pos;
    while (true) {
      if (pos == limit) {
        start = keep(start);
        if (pos == limit) throw truncated("inside a string");
      }
      byte b = buf[pos];
      if (b == '"') {
        String s = new String(buf, start, pos - start, StandardCharsets.UTF_8);
        pos++;
        return s;
      }
      if (b == '\\') return escapedString(start);
      pos++;
    }
  }

  /**
   * Like {@link #nextString} for values that repeat across records (user, account, partition, state): a value
   * already in {@code pool} comes back as the pooled String, without decoding.
   */
  String nextLabel(StringPool pool) throws IOException {
    if (nextNonWhitespace() != '"') return nextString();
    int open = pos;
    pos++;
    int hash = 0;
    while (true) {
      if (pos == limit) {
        open = keep(open);
        if (pos == limit) throw truncated("inside a string");
      }
      byte b = buf[pos];
      if (b == '"') break;
      if (b == '\\') {
        pos = open;
        return nextString();
      }
      hash = 31 * hash + b;
      pos++;
    }
    String s = pool.get(buf, open + 1, pos, hash);
    pos++;
    return s;
  }

  private String nonStringAsString(int c) throws IOException {
    switch (c) {
      case '{': case '[':
        skipValue();
        return "";
      case 'n':
        nextNull();
        return "";
      case 't': case 'f':
        return Boolean.toString(nextBoolean());
      default:
        return nextLiteral();
    }
  }

  private String escapedString(int start) throws IOException {
    StringBuilder out = new StringBuilder();
    out.append(new String(buf, start, pos - start, StandardCharsets.UTF_8));
    while (true) {
      int runStart = pos;
      while (true) { // a run without escapes, kept whole so that no UTF-8 sequence is split
        if (pos == limit) {
          runStart = keep(runStart);
          if (pos == limit) throw truncated("inside a string");
        }
        byte b = buf[pos];
        if (b == '"' || b == '\\') break;
        pos++;
      }
      out.append(new String(buf, runStart, pos - runStart, StandardCharsets.UTF_8));
      if (buf[pos] == '"') {
        pos++;
        return out.toString();
      }
      if (!fill(2)) throw truncated("inside a string escape");
      byte e = buf[pos + 1];
      pos += 2;
      switch (e) {
        case 'n': out.append('\n'); break;
        case 't': out.append('\t'); break;
        case 'r': out.append('\r'); break;
        case 'b': out.append('\b'); break;
        case 'f': out.append('\f'); break;
        case 'u':
          if (!fill(4)) throw truncated("inside a \\u escape");
          int cp = 0;
          for (int i = 0; i < 4; i++) {
            int d = Character.digit(buf[pos + i], 16);
            if (d < 0) throw malformed("bad \\u escape");
            cp = cp * 16 + d;
          }
          pos += 4;
          out.append((char) cp);
          break;
        default: // \" \\ \/ and, leniently, any other escaped byte
          out.append((char) e);
      }
    }
  }

  /** A number, true/false/null or bare word as its text. */
  private String nextLiteral() throws IOException {
    int start = literal();
    return new String(buf, start, pos - start, StandardCharsets.ISO_8859_1);
  }

  /** Consumes a number, true/false/null or bare word; returns where it starts (it ends at {@code pos}). */
  private int literal() throws IOException {
    int start = pos;
    while (true) {
      if (pos == limit) {
        start = keep(start);
        if (pos == limit) break; // a literal may end the input; the caller's next step finds the truncation
      }
      if (isDelimiter(buf[pos])) break;
      pos++;
    }
    if (pos == start) throw malformed("expected a value");
    return start;
  }

  /**
   * An integer literal, or {@link Long#MIN_VALUE} when the next value is none that fits a long (a fraction, an
   * unsigned 64-bit sentinel, a string, an object): then nothing is consumed and the caller reads it another way.
   */
  long nextLongOrMin() throws IOException {
    int c = nextNonWhitespace();
    if (c != '-' && (c < '0' || c > '9')) return Long.MIN_VALUE;
    fill(21); // most literals are then whole in the window (unless the input ends); a longer one takes the slow path
    int p = pos;
    boolean negative = buf[p] == '-';
    if (negative) p++;
    int digitsStart = p;
    long v = 0;
    while (p < limit) {
      byte b = buf[p];
      if (b < '0' || b > '9') break;
      v = v * 10 + (b - '0');
      p++;
    }
    int digits = p - digitsStart;
    if (digits == 0 || digits > 18 || p == limit || !isDelimiter(buf[p])) return Long.MIN_VALUE;
    pos = p;
    return negative ? -v : v;
  }

  /** A number literal of any form as its text (fractions, exponents, 64-bit sentinels) for {@link NumberReader}. */
  String nextNumberText() throws IOException {
    nextNonWhitespace();
    return nextLiteral();
  }

  boolean nextBoolean() throws IOException {
    nextNonWhitespace();
    int start = literal();
    if (isWord(start, TRUE)) return true;
    if (isWord(start, FALSE)) return false;
    throw malformed("expected true or false, found '" + new String(buf, start, pos - start, StandardCharsets.ISO_8859_1)
        + "'");
  }

  void nextNull() throws IOException {
    nextNonWhitespace();
    int start = literal();
    if (!isWord(start, NULL_WORD)) {
      throw malformed("expected null, found '" + new String(buf, start, pos - start, StandardCharsets.ISO_8859_1)
          + "'");
    }
  }

  private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
  private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
  private static final byte[] NULL_WORD = {'n', 'u', 'l', 'l'};

  /** Whether the literal just read (from {@code start} to {@code pos}) is {@code word}. */
  private boolean isWord(int start, byte[] word) {
    return pos - start == word.length && sameBytes(buf, start, word);
  }

  // ---- a value's bytes, for SeenValues ----

  /** Marks the next value's first byte: the window keeps it and what follows until {@link #rewind} or {@link #unmark}. */
  void markValue() throws IOException {
    nextNonWhitespace();
    mark = pos;
  }

  /** The window; the marked value's bytes, once skipped, are {@code [marked(), position())}. */
  byte[] window() {
    return buf;
  }

  int marked() {
    return mark;
  }

  int position() {
    return pos;
  }

  /** Back to the marked value's first byte, to read it after all; the mark is released. */
  void rewind() {
    pos = mark;
    mark = -1;
  }

  void unmark() {
    mark = -1;
  }

  /**
   * If the next value is byte for byte {@code value} (a whole object, array or string seen before, which ends where
   * its last byte does): consumes it and returns true; otherwise consumes nothing but whitespace and returns false.
   */
  boolean skipIfNext(byte[] value) throws IOException {
    int n = value.length;
    if (!fillSkippingWhitespace() || (limit - pos < n && !fill(n))) return false;
    if (Arrays.mismatch(buf, pos, pos + n, value, 0, n) >= 0) return false;
    pos += n;
    return true;
  }

  /**
   * The index in its {@link ByteKeyTable} of the key {@link #nextKey} consumed last in the current object; after a
   * key of no table, the key before it ({@link ByteKeyTable#START} if none).
   */
  int lastKey() {
    return lastKey[depth];
  }

  /** Skips one value of any kind, nested ones included. */
  void skipValue() throws IOException {
    int c = nextNonWhitespace();
    if (c == '"') {
      pos++;
      skipStringBody();
    } else if (c == '{' || c == '[') {
      pos++;
      skipNested();
    } else if (c == '}' || c == ']') {
      throw malformed("expected a value");
    } else {
      literal();
    }
  }

  /**
   * The next value's bytes, consumed, for a reader that is not on the hot path (a response's meta and errors go to
   * the Moshi readers of {@link Envelope}).
   */
  Buffer nextValueBytes() throws IOException {
    Buffer out = new Buffer();
    int c = nextNonWhitespace();
    if (c != '"' && c != '{' && c != '[') return out.writeString(nextLiteral(), StandardCharsets.ISO_8859_1);
    copyOut = out;
    copyFrom = pos;
    try {
      skipValue();
    } finally {
      copyOut = null;
    }
    out.write(buf, copyFrom, pos - copyFrom);
    return out;
  }

  /** While {@link #nextValueBytes} runs: where to copy bytes before the window drops them. */
  private Buffer copyOut;
  private int copyFrom;

  private void skipStringBody() throws IOException {
    byte[] b = buf;
    int p = pos;
    int l = limit;
    while (true) {
      // eight bytes at a time while the window has them: most strings end within the first word
      while (p + 8 <= l) {
        long w = (long) LONGS.get(b, p);
        long hits = zeroBytes(w ^ QUOTES) | zeroBytes(w ^ BACKSLASHES);
        if (hits == 0) {
          p += 8;
          continue;
        }
        p += Long.numberOfTrailingZeros(hits) >>> 3;
        if (b[p] == '"') {
          pos = p + 1;
          return;
        }
        p += 2; // a backslash and the byte it escapes
      }
      if (p >= l) {
        pos = l;
        if (!refill()) throw truncated("inside a string");
        b = buf;
        p = pos + (p - l);
        l = limit;
        continue;
      }
      byte c = b[p++];
      if (c == '"') break;
      if (c == '\\') p++; // the escaped byte, possibly past the window: the check above steps over it
    }
    pos = p;
  }

  /** Eight bytes of a byte[] as one little-endian long: byte i of the window is bits 8i..8i+7. */
  static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;
  private static final long QUOTES = ONES * '"';
  private static final long BACKSLASHES = ONES * '\\';
  private static final long SPACES = ONES * ' ';

  /**
   * The high bit of every zero byte of {@code x}, and possibly of some bytes above the lowest zero byte (a borrow):
   * the lowest set bit always marks the first zero byte, which is all the callers use.
   */
  private static long zeroBytes(long x) {
    return (x - ONES) & ~x & HIGHS;
  }

  private static final long LOWS = 0x7f7f7f7f7f7f7f7fL;
  private static final long OPENING = ONES * '{'; // '[' | 0x20 is '{' too
  private static final long CLOSING = ONES * '}'; // ']' | 0x20 is '}' too
  private static final long CASE = ONES * 0x20;

  /** Exactly the high bit of every zero byte of {@code x} (no borrow: unlike {@link #zeroBytes}, any byte may be used). */
  private static long zeroBytesExact(long x) {
    return ~(((x & LOWS) + LOWS) | x | LOWS);
  }

  /**
   * Skips to the bracket closing the one just consumed, following strings so that brackets in them do not count.
   * Eight bytes per step: the quotes of a word, turned into an in-string mask by a prefix sum over its bytes, hide the
   * brackets inside strings; the remaining brackets are counted, and only a word whose closing brackets could bring
   * the depth to zero is walked bracket by bracket. A word with a backslash (no slurmrestd answer seen so far has
   * one outside rare strings) goes byte by byte. Per-byte loops, branching or branch-free, skipped whole answers at
   * a half and a third of this speed.
   */
  private void skipNested() throws IOException {
    int depth = 1;
    long inString = 0; // 0 outside a string, -1 inside
    byte[] b = buf;
    int p = pos;
    int l = limit;
    while (true) {
      int stop = l; // walked byte by byte up to here: the window's last bytes, or a word with a backslash
      while (p + 8 <= l) {
        long w = (long) LONGS.get(b, p);
        if (zeroBytes(w ^ BACKSLASHES) != 0) {
          stop = p + 8;
          break;
        }
        // per byte, the number of quotes up to and including it (a prefix sum by one multiplication; at most 8, so
        // no carry between bytes), its lowest bit moved to the byte's high bit: set inside a string (only the high
        // bits are used below, like the bracket masks')
        long strings = (((zeroBytesExact(w ^ QUOTES) >>> 7) * ONES) << 7) ^ inString;
        long cased = w | CASE;
        long opens = zeroBytesExact(cased ^ OPENING) & ~strings;
        long closes = zeroBytesExact(cased ^ CLOSING) & ~strings;
        inString = strings >> 63;
        int closed = Long.bitCount(closes);
        if (closed < depth) {
          depth += Long.bitCount(opens) - closed;
        } else {
          // the depth may reach zero here: in order (an opening bracket before the closing ones may keep it up)
          for (long brackets = opens | closes; brackets != 0; brackets &= brackets - 1) {
            long bit = Long.lowestOneBit(brackets);
            if ((opens & bit) != 0) {
              depth++;
            } else if (--depth == 0) {
              pos = p + (Long.numberOfTrailingZeros(bit) >>> 3) + 1;
              return;
            }
          }
        }
        p += 8;
      }
      while (p < stop) {
        int c = b[p++];
        if (c == '\\' && inString != 0) {
          p++; // the escaped byte (perhaps past the window: the refill below steps over it)
        } else if (c == '"') {
          inString = ~inString;
        } else if (inString == 0 && (c == '{' || c == '[')) {
          depth++;
        } else if (inString == 0 && (c == '}' || c == ']') && --depth == 0) {
          pos = p;
          return;
        }
      }
      if (p < l) continue;
      int over = p - l;
      pos = l;
      if (!refill()) throw truncated(inString != 0 ? "inside a string" : "inside an object or array");
      b = buf;
      p = pos + over;
      l = limit;
    }
  }

  // ---- the window ----

  private static final boolean[] DELIMITER = new boolean[256];

  static {
    for (char c : new char[] {',', '}', ']', ':', ' ', '\n', '\r', '\t'}) DELIMITER[c] = true;
  }

  private static boolean isDelimiter(byte b) {
    return DELIMITER[b & 0xff];
  }

  private void expect(char c) throws IOException {
    int found = nextNonWhitespace();
    if (found != c) throw malformed("expected '" + c + "', found " + describe(found));
    pos++;
  }

  /** The next byte that is not whitespace, not consumed; fails at the end of the input. */
  private int nextNonWhitespace() throws IOException {
    if (!fillSkippingWhitespace()) throw truncated("where a value was expected");
    return buf[pos];
  }

  private boolean fillSkippingWhitespace() throws IOException {
    while (true) {
      byte[] b = buf;
      int p = pos;
      int l = limit;
      while (p < l) {
        byte c = b[p];
        if (c == ' ') {
          // pretty-printed answers (slurmrestd's default) indent by two spaces a level: eight at a time
          p += p + 8 <= l && (long) LONGS.get(b, p) == SPACES ? 8 : 1;
        } else if (c == '\n' || c == '\r' || c == '\t') {
          p++;
        } else {
          pos = p;
          return true;
        }
      }
      pos = p;
      if (!refill()) return false;
    }
  }

  /** Makes {@code n} bytes from {@code pos} available if the input has them; false when it ends sooner. */
  private boolean fill(int n) throws IOException {
    while (limit - pos < n) {
      if (!readMore(pos)) return false;
    }
    return true;
  }

  /** After the window is used up (pos == limit): reads on; false at the end of the input. */
  private boolean refill() throws IOException {
    return readMore(pos);
  }

  /**
   * Keeps the bytes from {@code start} (a token being read) while reading more; returns where they are now. At the
   * end of the input nothing is added (pos == limit stays true).
   */
  private int keep(int start) throws IOException {
    int offset = pos - start;
    readMore(start);
    return pos - offset;
  }

  /** Drops the window's bytes before {@code keepFrom}, then reads at least one more byte unless the input ended. */
  private boolean readMore(int keepFrom) throws IOException {
    if (exhausted) return false;
    if (mark >= 0 && mark < keepFrom) keepFrom = mark;
    if (keepFrom > 0) {
      if (mark >= 0) mark -= keepFrom;
      if (copyOut != null) {
        copyOut.write(buf, copyFrom, keepFrom - copyFrom);
        copyFrom = 0;
      }
      int kept = limit - keepFrom;
      System.arraycopy(buf, keepFrom, buf, 0, kept);
      dropped += keepFrom;
      pos -= keepFrom;
      limit = kept;
    } else if (limit == buf.length) {
      if (buf.length >= MAX_WINDOW) throw malformed("a value longer than " + MAX_WINDOW + " bytes");
      buf = Arrays.copyOf(buf, buf.length * 2);
    }
    int before = limit;
    // okio hands out one segment (8 KiB) per read: read until the window is half full or the input ends
    while (limit < buf.length) {
      int n = source.read(buf, limit, buf.length - limit);
      if (n < 0) {
        exhausted = true;
        break;
      }
      limit += n;
      if (limit - before >= buf.length / 2) break;
    }
    return limit > before;
  }

  private String describe(int c) {
    if (c < 0) return "the end of the input";
    if (c >= 0x20 && c < 0x7f) return "'" + (char) c + "'";
    return "byte 0x" + Integer.toHexString(c & 0xff);
  }

  private JsonEncodingException malformed(String what) {
    return new JsonEncodingException(what + " at byte " + (dropped + pos));
  }

  private EOFException truncated(String where) {
    return new EOFException("the input ends " + where + " at byte " + (dropped + limit));
  }
}
