using AiFunctions.Workflows;
using AiFunctions.Workflows.Storage;

namespace AiFunctions.Host.Tests.Unit;

/// <summary>The one id rule and the one key function, against traversal, encodings, look-alikes and reserved names.</summary>
public sealed class ResourceIdsTests
{
    [Theory]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("../x")]
    [InlineData("x/..")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("%2e%2e")]
    [InlineData("%2F")]
    [InlineData("a.b")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    [InlineData("a\u0000")]
    [InlineData("a\nb")]
    [InlineData("\uFF0E\uFF0E")]   // fullwidth full stops
    [InlineData("\u2024")]         // one dot leader
    [InlineData("a\u2215b")]       // division slash
    [InlineData("a\uFF0Fb")]       // fullwidth solidus
    [InlineData("\u0430bc")]       // Cyrillic a
    [InlineData("a\u200Bb")]       // zero-width space
    [InlineData("e\u0301")]        // combining accent
    [InlineData("-a")]
    [InlineData("_a")]
    [InlineData("$logs")]
    [InlineData("")]
    [InlineData(" ")]
    public void Hostile_ids_are_invalid_and_cannot_be_scoped(string id)
    {
        Assert.False(ResourceIds.IsValid(id));
        Assert.Throws<ArgumentException>(() => ResourceIds.Scope("contoso", id));
        Assert.Throws<ArgumentException>(() => ResourceIds.Scope(id, "b-1"));
    }

    [Fact]
    public void The_longest_id_is_64_characters()
    {
        Assert.True(ResourceIds.IsValid(new string('a', 64)));
        Assert.False(ResourceIds.IsValid(new string('a', 65)));
    }

    [Theory]
    [InlineData("contoso", "b-1", "contoso.b-1")]
    [InlineData("00000000-0000-0000-0000-000000000000", "Batch_2026", "00000000-0000-0000-0000-000000000000.Batch_2026")]
    public void A_scoped_key_holds_the_tenant_and_splits_back(string tenant, string id, string key)
    {
        Assert.Equal(key, ResourceIds.Scope(tenant, id));
        Assert.True(ResourceIds.TryUnscope(key, out var t, out var i));
        Assert.Equal((tenant, id), (t, i));
        Assert.Equal(id, ResourceIds.Unscoped(key));
        Assert.Equal("screening-" + key, WorkflowInstanceIds.Screening(key));
    }

    [Fact]
    public void Two_tenants_get_different_keys_for_one_id_and_no_pair_collides()
    {
        Assert.NotEqual(ResourceIds.Scope("a", "b-c"), ResourceIds.Scope("a-b", "c"));
        Assert.NotEqual(ResourceIds.Scope("contoso", "b-1"), ResourceIds.Scope("fabrikam", "b-1"));
        Assert.False(ResourceIds.TryUnscope("a.b.c", out _, out _));
        Assert.False(ResourceIds.TryUnscope(".b", out _, out _));
    }

    [Fact]
    public void Issued_upload_ids_are_reserved_and_build_tenant_blob_names()
    {
        var id = ResumeUploads.NewId();
        Assert.True(ResumeUploads.IsUploadId(id));
        Assert.True(ResourceIds.IsReserved(id));
        Assert.True(ResourceIds.IsReserved("UP-anything"));
        Assert.False(ResourceIds.IsReserved("upload-1"));
        Assert.Equal($"contoso.{id}/resume.txt", ResumeUploads.BlobName("contoso", id));
        Assert.NotEqual(ResumeUploads.NewId(), ResumeUploads.NewId());
        Assert.Throws<ArgumentException>(() => ResumeUploads.BlobName("contoso", "../" + id));
        Assert.Throws<ArgumentException>(() => ResumeUploads.BlobName("../x", id));
    }
}
