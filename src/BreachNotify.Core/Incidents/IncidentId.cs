using System.Security.Cryptography;
using System.Text;

namespace BreachNotify.Incidents;

/// <summary>
/// An incident's id is derived from the source and source id of the detection that opened it, so a retried
/// post finds the same incident without an extra index write.
/// </summary>
public static class IncidentId
{
    public static string For(string source, string sourceId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{source}\n{sourceId}"));
        return $"inc-{Convert.ToHexStringLower(hash)[..20]}";
    }

    public static bool IsWellFormed(string? id) =>
        id is { Length: 24 } && id.StartsWith("inc-", StringComparison.Ordinal) && id.AsSpan(4).ContainsAnyExcept("0123456789abcdef") is false;
}
