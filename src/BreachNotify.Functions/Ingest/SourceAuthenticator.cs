using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace BreachNotify.Functions.Ingest;

/// <summary>
/// Checks that a body comes from the source it claims: HMAC-SHA256 of the raw body (or of "timestamp.body" when
/// the timestamp header is sent, against replay), or a query token for sources that cannot sign. Constant time.
/// </summary>
public sealed class SourceAuthenticator(IOptions<Dictionary<string, SourceOptions>> sources, IOptions<IngestOptions> ingest, TimeProvider time)
{
    public SourceOptions? Find(string source) =>
        sources.Value.TryGetValue(source, out var options) ? options : null;

    /// <summary>Null when authentic; otherwise why not (for the log line, never for the caller).</summary>
    public string? Check(SourceOptions source, HttpRequest request, ReadOnlySpan<byte> body)
    {
        if (source.Auth == SourceOptions.QueryTokenAuth)
        {
            var token = request.Query["token"].ToString();
            // Fixed-length hashes compared in constant time: a length mismatch must not answer sooner than a wrong token.
            return token.Length > 0 && FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(token)), SHA256.HashData(Encoding.UTF8.GetBytes(source.Secret)))
                ? null
                : "bad or missing query token";
        }

        var header = request.Headers[IngestOptions.SignatureHeader].ToString();
        if (!header.StartsWith("sha256=", StringComparison.OrdinalIgnoreCase))
        {
            return "missing signature";
        }

        byte[] given;
        try
        {
            given = Convert.FromHexString(header.AsSpan(7));
        }
        catch (FormatException)
        {
            return "malformed signature";
        }

        var timestamp = request.Headers[IngestOptions.TimestampHeader].ToString();
        var key = Encoding.UTF8.GetBytes(source.Secret);
        if (timestamp.Length > 0)
        {
            if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                || Math.Abs(time.GetUtcNow().ToUnixTimeSeconds() - seconds) > ingest.Value.TimestampToleranceSeconds)
            {
                return "timestamp missing, malformed or outside the tolerance";
            }

            var signed = new byte[timestamp.Length + 1 + body.Length];
            Encoding.ASCII.GetBytes(timestamp + ".").CopyTo(signed, 0);
            body.CopyTo(signed.AsSpan(timestamp.Length + 1));
            return FixedTimeEquals(HMACSHA256.HashData(key, signed), given) ? null : "signature does not match";
        }

        if (source.RequireTimestamp)
        {
            return "timestamp required";
        }

        return FixedTimeEquals(HMACSHA256.HashData(key, body), given) ? null : "signature does not match";
    }

    private static bool FixedTimeEquals(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) => CryptographicOperations.FixedTimeEquals(a, b);
}
