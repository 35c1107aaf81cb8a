using System.Security.Cryptography;
using System.Text;

namespace BreachNotify.Application.SubprocessorChanges;

/// <summary>
/// A change's id: <c>spc-</c> then 20 lowercase hex digits, random, or derived from the commander and the
/// announcement's <c>Idempotency-Key</c> so that a retried announcement finds the change it made.
/// </summary>
internal static class ChangeId
{
    private const int HexDigits = 20;

    public static string New() => $"spc-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(HexDigits / 2))}";

    public static string FromKey(string commanderId, string idempotencyKey) =>
        $"spc-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{commanderId}\n{idempotencyKey}")))[..HexDigits]}";

    public static bool IsWellFormed(string? id) =>
        id is { Length: 4 + HexDigits } && id.StartsWith("spc-", StringComparison.Ordinal) && !id.AsSpan(4).ContainsAnyExcept("0123456789abcdef");
}
