using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using BreachNotify.Functions.Ingest;

namespace BreachNotify.Functions.Tests.Infrastructure;

/// <summary>Requests an attacker sends: raw bytes (invalid UTF-8 included), signed or not, and from another loopback address.</summary>
public static class HostileRequests
{
    /// <summary>A client whose connections come from <paramref name="localAddress"/> (any 127.x.y.z reaches the app on Linux).</summary>
    public static HttpClient From(Uri baseAddress, string localAddress)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(IPAddress.Parse(localAddress), 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = baseAddress };
    }

    /// <summary>An ingest request with this exact body, signed with the test source's secret.</summary>
    public static HttpRequestMessage SignedIngest(byte[] body, string contentType = "application/json", string source = TestApp.Source, string secret = TestApp.SourceSecret)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/detections?source={Uri.EscapeDataString(source)}") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.Add(IngestOptions.SignatureHeader, SourceSignature.Sign(secret, body));
        return request;
    }

    /// <summary>Raw bytes with an explicit content type (no charset added).</summary>
    public static ByteArrayContent Raw(byte[] body, string contentType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }

    /// <summary><paramref name="json"/> as UTF-8, with the two bytes C3 28 (a lead byte and no continuation: invalid UTF-8) where <c>@@</c> stands.</summary>
    public static byte[] WithInvalidUtf8(string json)
    {
        var at = json.IndexOf("@@", StringComparison.Ordinal);
        return [.. Encoding.UTF8.GetBytes(json[..at]), 0xC3, 0x28, .. Encoding.UTF8.GetBytes(json[(at + 2)..])];
    }

    /// <summary>
    /// A fixture with bytes inserted at the start of the first string value that follows <c>"key":</c>, and that key's name.
    /// </summary>
    public static (byte[] Body, string Key) CorruptFirstString(string json, byte[] inserted)
    {
        var match = System.Text.RegularExpressions.Regex.Match(json, "\"([A-Za-z_][A-Za-z0-9_.]*)\"\\s*:\\s*\"");
        var at = match.Index + match.Length;
        return ([.. Encoding.UTF8.GetBytes(json[..at]), .. inserted, .. Encoding.UTF8.GetBytes(json[at..])], match.Groups[1].Value);
    }
}
