using System.Buffers.Text;
using BreachNotify.Acknowledgements;

namespace BreachNotify.Tests.Acknowledgements;

public sealed class AcknowledgementTokenTests
{
    private const string IncidentId = "inc-0123456789abcdef0123";

    private static byte[] Bytes(byte seed, int count = AcknowledgementToken.SecretBytes) =>
        [.. Enumerable.Range(0, count).Select(i => (byte)(seed + (i * 7)))];

    private static AcknowledgementToken Token(byte seed = 1, string noticeId = "n00007") =>
        AcknowledgementToken.Create(IncidentId, noticeId, Bytes(seed));

    [Fact]
    public void TryParse_ToString_RoundTrips()
    {
        var token = Token();

        var parsed = AcknowledgementToken.TryParse(token.ToString());

        Assert.Equal(token, parsed);
        Assert.Equal($"{IncidentId}.n00007.{token.Secret}", token.ToString());
        Assert.True(parsed!.Matches(token.Hash));
    }

    [Fact]
    public void Create_SecretIs256BitsInBase64Url()
    {
        var token = Token();

        Assert.Equal(43, token.Secret.Length);
        Assert.Equal(Bytes(1), Base64Url.DecodeFromChars(token.Secret));
    }

    [Fact]
    public void Create_WrongNumberOfRandomBytes_Throws()
    {
        Assert.Throws<ArgumentException>(() => AcknowledgementToken.Create(IncidentId, "n00001", Bytes(1, 16)));
    }

    [Fact]
    public void Matches_TamperedSecret_Fails()
    {
        var token = Token();
        var stored = token.Hash;
        var last = token.Secret[^1] == 'A' ? 'B' : 'A';
        var tampered = token with { Secret = token.Secret[..^1] + last };

        Assert.False(tampered.Matches(stored));
        Assert.False(Token(seed: 2).Matches(stored));
    }

    [Fact]
    public void Matches_TamperedIds_FailAgainstTheNoticeTheyRouteTo()
    {
        // The ids route the lookup; the stored hash found there belongs to another secret.
        var mine = Token(seed: 1, noticeId: "n00001");
        var theirs = Token(seed: 9, noticeId: "n00002");
        var retargeted = AcknowledgementToken.TryParse($"{IncidentId}.n00002.{mine.Secret}");

        Assert.NotNull(retargeted);
        Assert.False(retargeted.Matches(theirs.Hash));
        Assert.True(theirs.Matches(theirs.Hash));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("HASH-IN-WRONG-CASE")]
    public void Matches_MissingOrDifferentStoredHash_Fails(string? stored)
    {
        var token = Token();

        Assert.False(token.Matches(stored == "HASH-IN-WRONG-CASE" ? token.Hash.ToUpperInvariant() : stored));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("only-one-part")]
    [InlineData("inc.n00001")]
    [InlineData("inc.n00001.secret.extra")]
    [InlineData("inc..AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE")]
    [InlineData(".n00001.AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE")]
    [InlineData("inc.n00001.AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQ+")] // '+' is base64, not base64url
    [InlineData("inc.n00001.AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE=")] // padding is not a token character
    [InlineData("inc.n00001.AQEB")] // 3 bytes
    [InlineData("inc.n00001.AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQ")] // 34 bytes
    [InlineData("inc/x.n00001.AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE")]
    [InlineData("inc.n00001.AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE\n")]
    public void TryParse_Malformed_IsNull(string text)
    {
        Assert.Null(AcknowledgementToken.TryParse(text));
    }

    [Fact]
    public void TryParse_Null_IsNull()
    {
        Assert.Null(AcknowledgementToken.TryParse(null));
    }

    [Fact]
    public void TryParse_TooLong_IsNull()
    {
        var token = AcknowledgementToken.Create(new string('i', 160), "n00001", Bytes(1));
        Assert.True(token.ToString().Length > 200);

        Assert.Null(AcknowledgementToken.TryParse(token.ToString()));
    }

    [Fact]
    public void TryParse_WellFormedSecretOf32Bytes_IsAccepted()
    {
        var secret = Base64Url.EncodeToString(Bytes(5));

        var parsed = AcknowledgementToken.TryParse($"inc.n00001.{secret}");

        Assert.Equal(new AcknowledgementToken("inc", "n00001", secret), parsed);
    }

    [Fact]
    public void Hash_Is64LowercaseHexAndDiffersFromTheSecret()
    {
        var token = Token();

        Assert.Equal(64, token.Hash.Length);
        Assert.Matches("^[0-9a-f]{64}$", token.Hash);
        Assert.NotEqual(token.Secret, token.Hash);
        Assert.DoesNotContain(token.Secret, token.Hash, StringComparison.Ordinal);
        Assert.Equal(AcknowledgementToken.HashOf(token.Secret), token.Hash);
        Assert.NotEqual(Token(seed: 2).Hash, token.Hash);
    }
}
