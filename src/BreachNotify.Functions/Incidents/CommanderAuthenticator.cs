using System.Security.Cryptography;
using System.Text;
using BreachNotify.Parties;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace BreachNotify.Functions.Incidents;

/// <summary>Recognises a commander from <c>Authorization: Bearer KEY</c> by the key's SHA-256, compared in constant time.</summary>
public sealed class CommanderAuthenticator
{
    private readonly List<(string CommanderId, byte[] Hash)> _keys = [];

    public CommanderAuthenticator(ProcessorDirectory directory, IOptions<CommanderOptions> options)
    {
        foreach (var (id, hash) in options.Value.Keys)
        {
            if (CommanderKeyHash.IsWellFormed(hash))
            {
                _keys.Add((id, Convert.FromHexString(hash)));
            }
        }

        foreach (var commander in directory.Commanders.Where(c => CommanderKeyHash.IsWellFormed(c.ApiKeySha256)))
        {
            _keys.Add((commander.Id, Convert.FromHexString(commander.ApiKeySha256!)));
        }
    }

    public bool HasKeys => _keys.Count > 0;

    /// <summary>The commander's id, or null.</summary>
    public string? Authenticate(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= 7)
        {
            return null;
        }

        return AuthenticateKey(header[7..]);
    }

    /// <summary>The commander whose key this is (the console's sign-in form uses it), or null.</summary>
    public string? AuthenticateKey(string? key)
    {
        if (string.IsNullOrWhiteSpace(key) || key.Length > 1024)
        {
            return null;
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key.Trim()));
        string? found = null;
        foreach (var (id, known) in _keys)
        {
            // Compare against every key, so timing does not tell how many were tried.
            if (CryptographicOperations.FixedTimeEquals(hash, known))
            {
                found ??= id;
            }
        }

        return found;
    }

    /// <summary>Whether <paramref name="commanderId"/> still has the key whose SHA-256 (hex) this is.</summary>
    public bool HoldsKey(string commanderId, string keyHash)
    {
        if (!CommanderKeyHash.IsWellFormed(keyHash))
        {
            return false;
        }

        var hash = Convert.FromHexString(keyHash);
        var held = false;
        foreach (var (id, known) in _keys)
        {
            held |= id == commanderId && CryptographicOperations.FixedTimeEquals(hash, known);
        }

        return held;
    }
}
