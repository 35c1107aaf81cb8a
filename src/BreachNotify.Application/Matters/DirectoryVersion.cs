using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text.Json;
using BreachNotify.Parties;

namespace BreachNotify.Application.Matters;

/// <summary>
/// The version of a directory, recorded with the recipients frozen from it: a hash of its content, so a freeze says which
/// directory it was taken from (a changed file reads as another version). Computed once per loaded directory.
/// </summary>
public static class DirectoryVersion
{
    private static readonly ConditionalWeakTable<ProcessorDirectory, string> Versions = [];

    public static string Of(ProcessorDirectory directory) =>
        Versions.GetValue(directory, d => Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(d, DomainJson.Options)))[..16]);
}
