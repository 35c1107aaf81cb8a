using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace BreachNotify.Acknowledgements;

/// <summary>
/// The secret in a notice's link: <c>{incidentId}.{noticeId}.{256 random bits}</c>. The ids only route the lookup;
/// the random part is what proves possession, and only its SHA-256 is stored.
/// </summary>
public sealed record AcknowledgementToken(string IncidentId, string NoticeId, string Secret)
{
    public const int SecretBytes = 32;

    public static AcknowledgementToken Create(string incidentId, string noticeId, ReadOnlySpan<byte> randomBytes)
    {
        if (randomBytes.Length != SecretBytes)
        {
            throw new ArgumentException($"A token needs {SecretBytes} random bytes.", nameof(randomBytes));
        }

        return new AcknowledgementToken(incidentId, noticeId, Base64Url.EncodeToString(randomBytes));
    }

    public static AcknowledgementToken? TryParse(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > 200)
        {
            return null;
        }

        var parts = text.Split('.');
        if (parts.Length != 3 || parts.Any(p => p.Length == 0 || !p.All(IsTokenChar)))
        {
            return null;
        }

        return Base64Url.IsValid(parts[2], out var length) && length == SecretBytes
            ? new AcknowledgementToken(parts[0], parts[1], parts[2])
            : null;
    }

    /// <summary>What is stored: the SHA-256 of the secret, hex.</summary>
    public string Hash => HashOf(Secret);

    public override string ToString() => $"{IncidentId}.{NoticeId}.{Secret}";

    /// <summary>Constant-time comparison with a stored hash.</summary>
    public bool Matches(string? storedHash) =>
        storedHash is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash), Encoding.ASCII.GetBytes(storedHash));

    public static string HashOf(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static bool IsTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_';
}
