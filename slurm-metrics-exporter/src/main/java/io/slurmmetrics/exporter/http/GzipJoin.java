package io.slurmmetrics.exporter.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * One gzip member (RFC 1952) made of a head compressed once and a tail compressed per response, so a cached body is
 * never compressed again. The head is raw deflate ended by a sync flush (byte-aligned, no final block); the tail is
 * raw deflate that refers to nothing before it and ends with the final block, so head + tail is one valid deflate
 * stream. The trailer's CRC-32 of the whole is combined from the two parts' CRCs. One member rather than two
 * concatenated ones: Prometheus reads concatenated members, but not every client does (curl stops after the first).
 */
final class GzipJoin {
  /** ID1 ID2, method deflate, no flags, no modification time, no extra flags, OS unknown. */
  private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
  /** CRC-32 (IEEE) in its bit-reflected form: the bit for x^0 is the top bit. */
  private static final int POLY = 0xedb88320;
  /** X_POW_2K[k] = x^(2^k) mod POLY. */
  private static final int[] X_POW_2K = new int[32];

  static {
    int p = 1 << 30; // x^1
    for (int k = 0; k < 32; k++) {
      X_POW_2K[k] = p;
      p = multiply(p, p);
    }
  }

  /** A compressed head: its raw deflate bytes, the CRC-32 and length of what it holds. */
  record Head(byte[] deflated, int crc, long length) {
    static final Head EMPTY = new Head(new byte[0], 0, 0);
  }

  private GzipJoin() {}

  /** Compresses {@code plain} as a head (sync flush, no final block). */
  static Head head(byte[] plain) {
    CRC32 crc = new CRC32();
    crc.update(plain);
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, plain.length / 8));
    Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    try {
      // never closed: closing would finish the stream with a final block, and the tail must come after it
      DeflaterOutputStream d = new DeflaterOutputStream(out, deflater, 64 * 1024, true);
      d.write(plain);
      d.flush(); // SYNC_FLUSH: everything out, byte-aligned
      return new Head(out.toByteArray(), (int) crc.getValue(), plain.length);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
    } finally {
      deflater.end();
    }
  }

  /** The complete gzip member: header, {@code head}, {@code tail} compressed now, trailer (one array). */
  static byte[] join(Head head, byte[] tail) {
    byte[] end = finish(head, tail);
    ByteArrayOutputStream out = new ByteArrayOutputStream(HEADER.length + head.deflated().length + end.length);
    out.writeBytes(HEADER);
    out.writeBytes(head.deflated());
    out.writeBytes(end);
    return out.toByteArray();
  }

  /** The 10 bytes a member starts with, before {@code head}. */
  static byte[] header() {
    return HEADER.clone();
  }

  /**
   * What follows {@code head} in the member: {@code tail} compressed now, ending the deflate stream, and the trailer.
   * A response writes {@link #header()}, the head's bytes and these, without copying the head.
   */
  static byte[] finish(Head head, byte[] tail) {
    CRC32 crc = new CRC32();
    crc.update(tail);
    ByteArrayOutputStream out = new ByteArrayOutputStream(tail.length / 4 + 64);
    Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    try {
      DeflaterOutputStream d = new DeflaterOutputStream(out, deflater, 16 * 1024);
      d.write(tail);
      d.finish(); // the final block
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      deflater.end();
    }
    int whole = combine(head.crc(), (int) crc.getValue(), tail.length);
    long size = head.length() + tail.length;
    writeIntLe(out, whole);
    writeIntLe(out, (int) size); // ISIZE: the length modulo 2^32
    return out.toByteArray();
  }

  /** The CRC-32 of A followed by B from crc(A), crc(B) and B's length. */
  static int combine(int crcA, int crcB, long lengthB) {
    // crc(A.B) = crc(A) * x^(8 * |B|) + crc(B) over GF(2) modulo POLY; the pre- and post-inversion of CRC-32
    // cancel out in that sum
    return multiply(xPow8n(lengthB), crcA) ^ crcB;
  }

  /** x^(8 n) mod POLY, from the table of x^(2^k) and the bits of 8 n. */
  private static int xPow8n(long n) {
    int result = 1 << 31; // x^0
    int k = 3; // 8 n = n * 2^3
    while (n != 0) {
      if ((n & 1) != 0) result = multiply(X_POW_2K[k & 31], result);
      n >>>= 1;
      k++;
    }
    return result;
  }

  /** a * b mod POLY, both bit-reflected. */
  private static int multiply(int a, int b) {
    int product = 0;
    for (int bit = 1 << 31; bit != 0; bit >>>= 1) {
      if ((a & bit) != 0) product ^= b;
      b = (b & 1) != 0 ? (b >>> 1) ^ POLY : b >>> 1; // b * x
    }
    return product;
  }

  private static void writeIntLe(ByteArrayOutputStream out, int v) {
    out.write(v);
    out.write(v >>> 8);
    out.write(v >>> 16);
    out.write(v >>> 24);
  }
}
