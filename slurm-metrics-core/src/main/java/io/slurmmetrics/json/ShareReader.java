package io.slurmmetrics.json;

import com.squareup.moshi.JsonReader;
import io.slurmmetrics.model.FairShare;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/** One entry of {@code /shares} or {@code sshare --json}: {@code shares.shares[]} (v0.0.40+). */
final class ShareReader {
  private ShareReader() {}

  static FairShare read(JsonReader r, int index) throws IOException {
    String name = null;
    String parent = "";
    boolean user = false;
    long rawShares = 0;
    double normShares = 0;
    long usage = 0;
    double effectiveUsage = 0;
    double fairShare = 0;
    r.beginObject();
    while (r.hasNext()) {
      switch (r.nextName()) {
        case "name":
          name = JsonValues.string(r);
          break;
        case "parent":
          parent = JsonValues.string(r);
          break;
        case "type":
          List<String> type = StateReader.tokens(r);
          user = type.stream().anyMatch(t -> t.toUpperCase(Locale.ROOT).equals("USER"));
          break;
        case "shares":
          rawShares = NumberReader.read(r).orElse(0);
          break;
        case "shares_normalized":
          normShares = dbl(NumberReader.read(r));
          break;
        case "usage":
          usage = NumberReader.read(r).orElse(0);
          break;
        case "effective_usage":
          effectiveUsage = dbl(NumberReader.read(r));
          break;
        case "fairshare":
          fairShare = readFairshare(r);
          break;
        default:
          r.skipValue();
      }
    }
    r.endObject();
    if (name == null || name.isEmpty()) throw PayloadError.missing("name", "shares[" + index + "]");
    String account = user ? parent : name;
    return new FairShare(account, user ? name : "", rawShares, normShares, usage, effectiveUsage, fairShare);
  }

  /** {@code {"factor": x, "level": y}} (v0.0.40+) or a plain number. */
  private static double readFairshare(JsonReader r) throws IOException {
    if (r.peek() != JsonReader.Token.BEGIN_OBJECT) return dbl(NumberReader.read(r));
    double factor = 0;
    r.beginObject();
    while (r.hasNext()) {
      if (r.nextName().equals("factor")) factor = dbl(NumberReader.read(r));
      else r.skipValue();
    }
    r.endObject();
    return factor;
  }

  private static double dbl(SlurmNumber n) {
    return n.isSet() ? n.doubleValue() : 0;
  }
}
