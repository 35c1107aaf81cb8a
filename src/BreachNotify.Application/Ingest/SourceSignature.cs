using System.Security.Cryptography;
using System.Text;

namespace BreachNotify.Application.Ingest;

/// <summary>The signature a sending SIEM computes (<c>sha256=HEX</c>, HMAC-SHA256 of <c>"{timestamp}.{body}"</c> or of the body): for tests, the demo and the operators' tool.</summary>
public static class SourceSignature
{
    public static string Sign(string secret, ReadOnlySpan<byte> body, long? timestamp = null)
    {
        byte[] payload = timestamp is { } ts ? [.. Encoding.ASCII.GetBytes($"{ts}."), .. body] : body.ToArray();
        return "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), payload));
    }
}
