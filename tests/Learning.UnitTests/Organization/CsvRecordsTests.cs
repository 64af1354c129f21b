using Learning.Organization.Services;

namespace Learning.UnitTests.Organization;

public sealed class CsvRecordsTests
{
    private static List<CsvRecords.Record> Read(string text) => CsvRecords.Read(new StringReader(text)).ToList();

    [Fact]
    public void Read_QuotedFieldsWithCommasQuotesAndLineBreaks_AreKept()
    {
        var records = Read("a,b,c\r\n\"Nguyễn, Văn A\",\"nói \"\"xin chào\"\"\",\"dòng 1\ndòng 2\"\r\nx,y,z\r\n");

        Assert.Equal(3, records.Count);
        Assert.Equal(["Nguyễn, Văn A", "nói \"xin chào\"", "dòng 1\ndòng 2"], records[1].Fields);
        Assert.Equal(2, records[1].Line);
        Assert.Equal(4, records[2].Line);
    }

    [Fact]
    public void Read_SemicolonHeader_UsesSemicolons()
    {
        var records = Read("email;fullName\nan@x.vn;Trần Hữu Lực");

        Assert.Equal(["an@x.vn", "Trần Hữu Lực"], records[1].Fields);
    }

    [Fact]
    public void Read_ByteOrderMarkAndMissingFinalNewline_AreHandled()
    {
        var records = Read("\uFEFFemail,name\na@b.vn,Lê");

        Assert.Equal("email", records[0].Fields[0]);
        Assert.Equal(["a@b.vn", "Lê"], records[1].Fields);
    }

    [Fact]
    public void Read_UnterminatedQuote_ThrowsWithLine()
    {
        var ex = Assert.Throws<CsvRecords.MalformedCsvException>(() => Read("a,b\n1,2\n3,\"open\n4,5\n"));

        Assert.Equal(3, ex.Line);
    }
}
