using System.Net;
using System.Security.Cryptography;
using System.Text;
using DataSelection.Gateway.Auth;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Configuration;

namespace DataSelection.Gateway.Tests.Security;

/// <summary>The numbers behind the secrets: key and code sizes, hashed keys at rest, tokens signed with the configured key.</summary>
[Trait("Category", "Security")]
public sealed class SecretTests(LabGatewayFactory factory) : IClassFixture<LabGatewayFactory>
{
    private readonly LabApi api = LabApi.For(factory);

    [Fact]
    public async Task Storage_holds_the_instructor_keys_hash_and_never_the_key_itself()
    {
        var session = await api.CreateSession("Secret keeping");
        var key = session.InstructorKey;
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));

        var stored = StoredBytes();

        Assert.True(Contains(stored, hash) || Contains(stored, Encoding.UTF8.GetBytes(Convert.ToBase64String(hash))),
            "The key's hash should be in storage (otherwise this test looks in the wrong place).");
        Assert.False(Contains(stored, Encoding.UTF8.GetBytes(key)), "The raw instructor key was found in storage.");
        Assert.False(Contains(stored, WebEncoders.Base64UrlDecode(key)), "The instructor key's bytes were found in storage.");
        Assert.Equal(HttpStatusCode.OK, (await api.Send(HttpMethod.Get, $"/api/sessions/{session.Code}/dashboard", instructorKey: key)).StatusCode);
    }

    [Fact]
    public void Instructor_keys_carry_128_random_bits_and_join_codes_40()
    {
        var keys = Enumerable.Range(0, 64).Select(_ => InstructorKey.Generate()).ToList();
        Assert.All(keys, k => Assert.Equal(16, WebEncoders.Base64UrlDecode(k).Length));
        Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());

        Assert.Equal(32, SessionCode.Alphabet.Distinct().Count());
        Assert.Equal(8, SessionCode.Length);
        Assert.Equal(40, SessionCode.Length * Math.Log2(SessionCode.Alphabet.Length));
        Assert.DoesNotContain(SessionCode.Alphabet, c => c is '0' or 'O' or '1' or 'I');
        var code = SessionCode.Generate();
        Assert.Equal(code, SessionCode.Normalize(code.ToLowerInvariant()));
    }

    [Fact]
    public void Student_tokens_are_signed_with_the_configured_key_and_only_that_key_accepts_them()
    {
        var directory = Directory.CreateTempSubdirectory("dataselection-tokenkey-").FullName;
        try
        {
            var ours = new StudentTokens(TokenKey.Load(Configured(new string('k', 40)), directory));
            var theirs = new StudentTokens(TokenKey.Load(Configured(new string('x', 40)), directory));
            var token = ours.Issue("ABCDEFGH", "0123456789abcdef", "tiny-pioneer", DateTimeOffset.UnixEpoch);

            Assert.Equal("0123456789abcdef", ours.Validate(token)?.StudentId);
            Assert.Equal("tiny-pioneer", ours.Validate(token)?.Track);
            Assert.Null(theirs.Validate(token));
            Assert.Throws<InvalidOperationException>(() => TokenKey.Load(Configured("too-short"), directory));
            // A configured key is used as given: nothing is generated in the data directory.
            Assert.False(File.Exists(Path.Combine(directory, TokenKey.FileName)));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static IConfiguration Configured(string key) =>
        new ConfigurationBuilder().AddInMemoryCollection([new(TokenKey.ConfigurationKey, key)]).Build();

    private byte[] StoredBytes()
    {
        using var all = new MemoryStream();
        foreach (var file in Directory.EnumerateFiles(factory.DataDirectory, "*", SearchOption.AllDirectories))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            stream.CopyTo(all);
        }
        return all.ToArray();
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
