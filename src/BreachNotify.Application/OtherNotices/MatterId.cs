using System.Security.Cryptography;
using System.Text;

namespace BreachNotify.Application.OtherNotices;

/// <summary>
/// A matter's id: <c>mtr-</c> then 20 lowercase hex digits, random, or derived from the commander and the request's
/// <c>Idempotency-Key</c> so that a retried request finds the matter it made.
/// </summary>
internal static class MatterId
{
    private const int HexDigits = 20;

    public static string New() => $"mtr-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(HexDigits / 2))}";

    public static string FromKey(string commanderId, string idempotencyKey) =>
        $"mtr-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"matter\n{commanderId}\n{idempotencyKey}")))[..HexDigits]}";

    public static bool IsWellFormed(string? id) =>
        id is { Length: 4 + HexDigits } && id.StartsWith("mtr-", StringComparison.Ordinal) && !id.AsSpan(4).ContainsAnyExcept("0123456789abcdef");
}
