using System.Net;
using BreachNotify.Parties;

namespace BreachNotify.Classification;

/// <summary>Finds the directory's assets behind the names a SIEM uses: exact aliases, URL hosts, resource-id prefixes and CIDR ranges.</summary>
public sealed class AssetResolver
{
    private readonly Dictionary<string, DataAsset> _byAlias = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<(string Prefix, DataAsset Asset)> _prefixes = [];
    private readonly List<(IPNetwork Network, DataAsset Asset)> _networks = [];

    public AssetResolver(ProcessorDirectory directory)
    {
        foreach (var asset in directory.Assets)
        {
            _byAlias.TryAdd(asset.Id, asset);
            foreach (var alias in asset.Aliases.Select(a => a.Trim()))
            {
                _byAlias.TryAdd(alias, asset);
                if (alias.StartsWith('/'))
                {
                    _prefixes.Add((alias.TrimEnd('/') + "/", asset));
                }
                else if (alias.Contains('/') && IPNetwork.TryParse(alias, out var network))
                {
                    _networks.Add((network, asset));
                }
            }
        }
    }

    /// <summary>The asset a reference names, and how it was recognised; null when the directory does not know it.</summary>
    public (DataAsset Asset, string How)? Resolve(string reference)
    {
        var value = reference.Trim();
        if (_byAlias.TryGetValue(value, out var exact))
        {
            return (exact, $"'{value}' is an alias of {exact.Id}");
        }

        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && !string.IsNullOrEmpty(uri.Host) && _byAlias.TryGetValue(uri.Host, out var byHost))
        {
            return (byHost, $"host of '{value}' is an alias of {byHost.Id}");
        }

        foreach (var (prefix, asset) in _prefixes)
        {
            if (value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return (asset, $"'{value}' lies under resource {prefix.TrimEnd('/')} of {asset.Id}");
            }
        }

        if (IPAddress.TryParse(value, out var ip))
        {
            foreach (var (network, asset) in _networks)
            {
                if (network.Contains(ip))
                {
                    return (asset, $"{value} is in range {network} of {asset.Id}");
                }
            }
        }

        return null;
    }
}
