using System.Security.Cryptography;
using System.Text;

namespace BreachNotify.Application.Incidents;

/// <summary>A commander key as settings and the directory hold it: its SHA-256 in lower-case hex, never the key itself.</summary>
public static class CommanderKeyHash
{
    public static string Of(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static bool IsWellFormed(string? value) => value is { Length: 64 } && value.All(Uri.IsHexDigit);
}
