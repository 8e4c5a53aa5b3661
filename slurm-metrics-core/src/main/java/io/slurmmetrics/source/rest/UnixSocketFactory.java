package io.slurmmetrics.source.rest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.SocketFactory;

/**
 * Lets OkHttp talk HTTP over slurmrestd's unix socket (JDK 16+ {@link UnixDomainSocketAddress}, no native code).
 * Whatever host OkHttp thinks it connects to, the socket goes to {@code path}. Timeouts come from OkHttp's call
 * timeout, which closes the socket: channel streams have no read timeout of their own.
 */
final class UnixSocketFactory extends SocketFactory {
  private final Path path;

  UnixSocketFactory(Path path) {
    this.path = path;
  }

  @Override
  public Socket createSocket() {
    return new UnixSocket(path);
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return connected();
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
    return connected();
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return connected();
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return connected();
  }

  private Socket connected() throws IOException {
    UnixSocket s = new UnixSocket(path);
    s.connect(null, 0);
    return s;
  }

  /** A {@link Socket} face on a unix-domain {@link SocketChannel}. */
  private static final class UnixSocket extends Socket {
    private final Path path;
    private SocketChannel channel;
    private InputStream in;
    private OutputStream out;
    private volatile boolean closed;

    UnixSocket(Path path) {
      this.path = path;
    }

    @Override
    public void connect(SocketAddress ignored, int timeout) throws IOException {
      if (!Files.exists(path)) throw new ConnectException("unix socket " + path + " does not exist");
      SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
      try {
        ch.connect(UnixDomainSocketAddress.of(path));
      } catch (IOException e) {
        ch.close();
        ConnectException ce = new ConnectException("cannot connect to unix socket " + path + ": " + e.getMessage());
        ce.initCause(e);
        throw ce;
      }
      channel = ch;
      in = Channels.newInputStream(ch);
      out = Channels.newOutputStream(ch);
    }

    @Override
    public void connect(SocketAddress endpoint) throws IOException {
      connect(endpoint, 0);
    }

    @Override
    public InputStream getInputStream() throws IOException {
      if (in == null) throw new IOException("unix socket " + path + " not connected");
      return in;
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
      if (out == null) throw new IOException("unix socket " + path + " not connected");
      return out;
    }

    @Override
    public boolean isConnected() {
      return channel != null && channel.isConnected();
    }

    @Override
    public boolean isClosed() {
      return closed;
    }

    @Override
    public boolean isInputShutdown() {
      return closed;
    }

    @Override
    public boolean isOutputShutdown() {
      return closed;
    }

    @Override
    public void shutdownInput() throws IOException {
      if (channel != null) channel.shutdownInput();
    }

    @Override
    public void shutdownOutput() throws IOException {
      if (channel != null) channel.shutdownOutput();
    }

    @Override
    public synchronized void close() throws IOException {
      closed = true;
      if (channel != null) channel.close();
    }

    @Override
    public void setSoTimeout(int timeout) {
      // no per-read timeout on a channel stream; OkHttp's call timeout closes the socket instead
    }

    @Override
    public int getSoTimeout() {
      return 0;
    }

    @Override
    public void setTcpNoDelay(boolean on) {
      // not TCP
    }

    @Override
    public void setKeepAlive(boolean on) {
      // not TCP
    }

    @Override
    public InetAddress getInetAddress() {
      return InetAddress.getLoopbackAddress();
    }

    @Override
    public InetAddress getLocalAddress() {
      return InetAddress.getLoopbackAddress();
    }

    @Override
    public String toString() {
      return "UnixSocket[" + path + "]";
    }
  }
}
