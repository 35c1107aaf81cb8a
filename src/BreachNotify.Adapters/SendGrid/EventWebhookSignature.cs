using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace BreachNotify.Adapters.SendGrid;

/// <summary>
/// SendGrid's Signed Event Webhook: <c>X-Twilio-Email-Event-Webhook-Signature</c> is the base64 DER (RFC 3279) ECDSA
/// P-256/SHA-256 signature of the <c>X-Twilio-Email-Event-Webhook-Timestamp</c> value followed by the raw body bytes,
/// made with the account's private key; the public key is the base64 SubjectPublicKeyInfo SendGrid shows.
/// </summary>
public sealed class EventWebhookSignature : IDisposable
{
    public const string SignatureHeader = "X-Twilio-Email-Event-Webhook-Signature";
    public const string TimestampHeader = "X-Twilio-Email-Event-Webhook-Timestamp";

    /// <summary>How far the signed timestamp may be from now (either way) before the request counts as a replay.</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(10);

    private readonly ECDsa _key;

    private EventWebhookSignature(ECDsa key) => _key = key;

    /// <summary>The verifier for a configured key, or null when none is configured (or it is unusable: startup refuses that).</summary>
    public static EventWebhookSignature? For(string? publicKey) =>
        string.IsNullOrWhiteSpace(publicKey) || Import(publicKey, out _) is not { } key ? null : new EventWebhookSignature(key);

    /// <summary>Why the configured key cannot be used, or null when it is a P-256 public key.</summary>
    public static string? KeyProblem(string publicKey)
    {
        using var key = Import(publicKey, out var problem);
        return problem;
    }

    /// <summary>Null when the signature is valid and recent; otherwise why not (for the log, never for the caller).</summary>
    public string? Check(string? signature, string? timestamp, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(signature) || string.IsNullOrWhiteSpace(timestamp))
        {
            return "signature or timestamp header missing";
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > 253402300799)
        {
            return "timestamp is not Unix seconds";
        }

        if ((now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > Tolerance)
        {
            return "timestamp outside the tolerance";
        }

        byte[] der;
        try
        {
            der = Convert.FromBase64String(signature.Trim());
        }
        catch (FormatException)
        {
            return "signature is not base64";
        }

        var timestampBytes = Encoding.ASCII.GetBytes(timestamp);
        var payload = new byte[timestampBytes.Length + body.Length];
        timestampBytes.CopyTo(payload, 0);
        body.CopyTo(payload.AsSpan(timestampBytes.Length));
        try
        {
            return _key.VerifyData(payload, der, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence) ? null : "signature does not match";
        }
        catch (CryptographicException)
        {
            return "signature is malformed";
        }
    }

    /// <summary>Signs as SendGrid does (tests and local tools hold the private key).</summary>
    public static string Sign(ECDsa privateKey, string timestamp, ReadOnlySpan<byte> body)
    {
        var payload = Encoding.ASCII.GetBytes(timestamp).Concat(body.ToArray()).ToArray();
        return Convert.ToBase64String(privateKey.SignData(payload, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
    }

    public void Dispose() => _key.Dispose();

    private static ECDsa? Import(string publicKey, out string? problem)
    {
        byte[] spki;
        try
        {
            spki = Convert.FromBase64String(publicKey.Trim());
        }
        catch (FormatException)
        {
            problem = "not base64 (paste the verification key exactly as SendGrid shows it)";
            return null;
        }

        var key = ECDsa.Create();
        try
        {
            key.ImportSubjectPublicKeyInfo(spki, out _);
            var curve = key.ExportParameters(false).Curve.Oid;
            if (curve.Value != "1.2.840.10045.3.1.7" && curve.FriendlyName is not ("nistP256" or "ECDSA_P256" or "secp256r1" or "prime256v1"))
            {
                key.Dispose();
                problem = "not a P-256 (prime256v1) key";
                return null;
            }
        }
        catch (CryptographicException)
        {
            key.Dispose();
            problem = "not an EC public key (base64 SubjectPublicKeyInfo)";
            return null;
        }

        problem = null;
        return key;
    }
}
