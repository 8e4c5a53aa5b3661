package io.slurmmetrics.source.rest;

import java.io.IOException;
import okio.Buffer;
import okio.ForwardingSource;
import okio.Source;

/** Fails with {@link TooLarge} once more than {@code limit} bytes were read: a runaway body must not fill the heap. */
final class BoundedSource extends ForwardingSource {
  private final long limit;
  private long read;

  BoundedSource(Source delegate, long limit) {
    super(delegate);
    this.limit = limit;
  }

  @Override
  public long read(Buffer sink, long byteCount) throws IOException {
    long n = super.read(sink, byteCount);
    if (n > 0) {
      read += n;
      if (read > limit) throw new TooLarge(limit);
    }
    return n;
  }

  /** The body exceeded the configured limit. */
  static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    TooLarge(long limit) {
      super("response body larger than the limit of " + limit + " bytes");
    }
  }
}
