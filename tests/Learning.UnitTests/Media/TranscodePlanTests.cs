using Learning.Media.Services;

namespace Learning.UnitTests.Media;

public sealed class TranscodePlanTests
{
    [Theory]
    [InlineData(1080, "720p,480p,360p,240p,audio")]
    [InlineData(720, "720p,480p,360p,240p,audio")]
    [InlineData(480, "480p,360p,240p,audio")]
    [InlineData(361, "360p,240p,audio")]
    [InlineData(180, "180p,audio")]
    public void Ladder_IsCappedAtTheSource(int height, string names) =>
        Assert.Equal(names, string.Join(',', TranscodePlan.For(height, hasAudio: true).Names));

    [Theory]
    [InlineData(1080, "[0:v]scale=-2:720,split=2[v0][c0];")]
    [InlineData(360, "[0:v]split=2[v0][c0];[c0]scale=-2:240[v1]\"")]
    [InlineData(180, "[0:v]null[v0]\"")]
    [InlineData(199, "[0:v]scale=-2:198[v0]\"")]
    public void Cascade_ScalesTheTopRungOnlyWhenItDiffersFromTheSource(int sourceHeight, string expected) =>
        Assert.Contains("-filter_complex \"" + expected, TranscodePlan.For(sourceHeight, hasAudio: true).OutputArguments("/v", "superfast", sourceHeight), StringComparison.Ordinal);

    [Fact]
    public void Silent_Source_HasNoAudioRendition_AndNoAudioMaps()
    {
        var plan = TranscodePlan.For(720, hasAudio: false);
        Assert.Equal("720p,480p,360p,240p", string.Join(',', plan.Names));
        var args = plan.OutputArguments("/v", "veryfast", 720);
        Assert.DoesNotContain("0:a", args, StringComparison.Ordinal);
        Assert.Contains("-var_stream_map \"v:0,name:720p v:1,name:480p v:2,name:360p v:3,name:240p\"", args, StringComparison.Ordinal);
    }

    [Fact]
    public void OnePass_Arguments_SplitOnce_AlignKeyframes_AndNameEveryRendition()
    {
        var args = TranscodePlan.For(720, hasAudio: true).OutputArguments("/v", "superfast", 720);
        Assert.Contains("-filter_complex \"[0:v]split=2[v0][c0];[c0]scale=-2:480,split=2[v1][c1];[c1]scale=-2:360,split=2[v2][c2];[c2]scale=-2:240[v3]\"", args, StringComparison.Ordinal);
        Assert.Contains("-force_key_frames \"expr:gte(t,n_forced*6)\"", args, StringComparison.Ordinal);
        Assert.Contains("a:4,name:audio\"", args, StringComparison.Ordinal);
        Assert.Contains("-b:a:4 48k -ac:a:4 1", args, StringComparison.Ordinal);
        Assert.Contains("-hls_time 6 -hls_playlist_type vod", args, StringComparison.Ordinal);
        Assert.Equal("360p", TranscodePlan.For(720, true).DownloadRendition.Name);
        Assert.Equal("180p", TranscodePlan.For(180, true).DownloadRendition.Name);
    }
}
