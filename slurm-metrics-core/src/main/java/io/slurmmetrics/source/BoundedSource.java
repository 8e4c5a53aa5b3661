package io.slurmmetrics.source;

import java.io.IOException;
import okio.Buffer;
import okio.ForwardingSource;
import okio.Source;

/**
 * Fails with {@link TooLarge} once more than {@code limit} bytes were read: a runaway response or command output must
 * not fill the heap. Shared by the REST and CLI sources; not meant for other callers.
 */
public final class BoundedSource extends ForwardingSource {
  private final long limit;
  private long read;

  /** Reads {@code delegate}, failing once more than {@code limit} bytes came through. */
  public BoundedSource(Source delegate, long limit) {
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
  public static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    TooLarge(long limit) {
      super("response body larger than the limit of " + limit + " bytes");
    }
  }
}
