using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace BreachNotify.Detections;

internal static class ContentFingerprint
{
    public static string Of(NormalizedDetection detection)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(detection, DomainJson.Options);
        return Convert.ToHexStringLower(SHA256.HashData(bytes))[..32];
    }

    public static string Of(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
