using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Scaffolder.EndToEnd;

/// <summary>
/// The smallest SMTP server that accepts mail on loopback and keeps it, so that a scenario can prove the
/// settings send mail where EMAIL_URL says. One connection at a time, plain SMTP, no authentication.
/// </summary>
public sealed class SmtpSink : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<string> _messages = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;

    public SmtpSink()
    {
        _listener.Start();
        _serving = Task.Run(Serve);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public IReadOnlyList<string> Messages
    {
        get { lock (_messages) return [.. _messages]; }
    }

    private async Task Serve()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                client.ReceiveTimeout = 10_000;
                await Converse(client.GetStream());
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
            {
            }
        }
    }

    private async Task Converse(NetworkStream stream)
    {
        using var reader = new StreamReader(stream, Encoding.ASCII);
        await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 localhost ESMTP e2e sink");
        while (await reader.ReadLineAsync(_stop.Token) is { } command)
        {
            var verb = command.Split(' ')[0].ToUpperInvariant();
            switch (verb)
            {
                case "DATA":
                    await writer.WriteLineAsync("354 end with <CRLF>.<CRLF>");
                    var message = new StringBuilder();
                    while (await reader.ReadLineAsync(_stop.Token) is { } line && line != ".")
                        message.AppendLine(line);
                    lock (_messages) _messages.Add(message.ToString());
                    await writer.WriteLineAsync("250 queued");
                    break;
                case "QUIT":
                    await writer.WriteLineAsync("221 bye");
                    return;
                case "EHLO" or "HELO":
                    await writer.WriteLineAsync("250 localhost");
                    break;
                default:
                    await writer.WriteLineAsync("250 ok");
                    break;
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _serving.Wait(TimeSpan.FromSeconds(5));
        _stop.Dispose();
    }
}
