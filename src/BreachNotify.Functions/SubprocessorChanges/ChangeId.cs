using System.Globalization;
using System.Security.Cryptography;

namespace BreachNotify.Functions.SubprocessorChanges;

/// <summary>A change's id: <c>spc-yyyyMMdd-</c> then 12 random hex digits.</summary>
internal static class ChangeId
{
    public static string New(DateTimeOffset now) =>
        $"spc-{now.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}";

    public static bool IsWellFormed(string? id) =>
        id is { Length: 25 } && id.StartsWith("spc-", StringComparison.Ordinal) && id[12] == '-'
        && id.AsSpan(4, 8).ContainsAnyExceptInRange('0', '9') is false
        && id.AsSpan(13).ContainsAnyExcept("0123456789abcdef") is false;
}
