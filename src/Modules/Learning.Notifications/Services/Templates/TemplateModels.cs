using System.Collections.Frozen;
using System.Text.Json.Nodes;

namespace Learning.Notifications.Services.Templates;

/// <summary>
/// What each type's template may use: a realistic sample model (for the preview and for validation) whose paths are the
/// type's schema, so the two cannot disagree. Every type has <c>user.name</c>, <c>user.email</c>, <c>site.name</c>,
/// <c>site.url</c> and <c>link</c>; non-essential types also <c>unsubscribe_url</c>, and those the dispatcher groups
/// <c>updates</c> (how many notifications the message stands for). Dates are ISO strings (<c>local_date</c> shows them).
/// </summary>
public static class TemplateModels
{
    private static readonly FrozenDictionary<string, JsonObject> Samples = BuildSamples();

    private static readonly FrozenDictionary<string, TemplateSchema> Schemas =
        Samples.ToFrozenDictionary(s => s.Key, s => TemplateSchema.FromSample(s.Value), StringComparer.Ordinal);

    /// <summary>The sample model of a type (a fresh copy), or null for an unknown type.</summary>
    public static JsonObject? Sample(string type) => Samples.TryGetValue(type, out var sample) ? (JsonObject)sample.DeepClone() : null;

    public static TemplateSchema? Schema(string type) => Schemas.GetValueOrDefault(type);

    public static bool IsEssential(string type) => NotificationTypeCatalog.Find(type)?.Essential ?? false;

    private static FrozenDictionary<string, JsonObject> BuildSamples()
    {
        var course = new JsonObject { ["title"] = "Kỹ năng tiếp công dân và giải quyết khiếu nại ở cấp xã", ["url"] = "https://hoctap.khanhhoa.gov.vn/Courses/ky-nang-tiep-cong-dan" };
        var byType = new Dictionary<string, JsonObject>(StringComparer.Ordinal)
        {
            [NoticeTypes.Invitation] = new() { ["expires_hours"] = 72 },
            [NoticeTypes.PasswordReset] = new() { ["expires_hours"] = 24 },
            [NoticeTypes.CourseAssigned] = new() { ["course"] = course.DeepClone(), ["due_date"] = "2026-12-31" },
            [NoticeTypes.DueIn7Days] = new() { ["course"] = course.DeepClone(), ["due_date"] = "2026-12-31", ["days_left"] = 7 },
            [NoticeTypes.DueIn1Day] = new() { ["course"] = course.DeepClone(), ["due_date"] = "2026-12-31", ["days_left"] = 1 },
            [NoticeTypes.Overdue] = new() { ["course"] = course.DeepClone(), ["due_date"] = "2026-11-30", ["days_left"] = 0 },
            [NoticeTypes.QuizResult] = new()
            {
                ["quiz"] = new JsonObject { ["title"] = "Kiểm tra cuối khóa: Luật Tiếp công dân 2013", ["url"] = "https://hoctap.khanhhoa.gov.vn/Quizzes/kiem-tra-cuoi-khoa" },
                ["show_marks"] = true,
                ["score"] = 8.5m,
                ["max_score"] = 10,
                ["percent"] = 85,
                ["passed"] = true,
                ["feedback"] = "Anh/Chị nắm vững quy trình tiếp công dân. Hãy xem lại phần phân loại đơn thư trước khi tiếp dân định kỳ.",
            },
            [NoticeTypes.CertificateIssued] = new()
            {
                ["certificate"] = new JsonObject
                {
                    ["title"] = "Chứng nhận hoàn thành khóa bồi dưỡng kỹ năng tiếp công dân",
                    ["url"] = "https://hoctap.khanhhoa.gov.vn/Certificates/Verify/KH-2026-000123",
                    ["code"] = "KH-2026-000123",
                },
            },
            [NoticeTypes.ManagerDigest] = new()
            {
                ["scope"] = "UBND xã Phước Đồng",
                ["completed"] = 18,
                ["total"] = 24,
                ["percent"] = 75,
                ["overdue"] = new JsonArray
                {
                    new JsonObject { ["name"] = "Trần Văn Đức", ["unit"] = "Văn phòng – Thống kê", ["course"] = "Kỹ năng tiếp công dân và giải quyết khiếu nại ở cấp xã", ["due_date"] = "2026-11-30" },
                    new JsonObject { ["name"] = "Lê Thị Ngọc Ánh", ["unit"] = "Tư pháp – Hộ tịch", ["course"] = "Chuyển đổi số trong cải cách hành chính", ["due_date"] = "2026-11-25" },
                },
            },
            [NoticeTypes.SignatureReady] = new()
            {
                ["province"] = "Tỉnh Khánh Hòa",
                ["courses"] = new JsonArray
                {
                    new JsonObject { ["title"] = "Chữ ký số cho cán bộ cấp xã" },
                    new JsonObject { ["title"] = "Ứng dụng chữ ký số trong xử lý văn bản điện tử" },
                },
            },
            [NoticeTypes.ReadinessDigest] = new()
            {
                ["scope"] = "UBND xã Phước Đồng",
                ["week"] = "2026-12-07",
                ["ready_not_requested"] = 12,
                ["expiring"] = 3,
                ["expired"] = 1,
            },
            [NoticeTypes.ReportDelivery] = new()
            {
                ["report"] = new JsonObject { ["title"] = "Tiến độ bồi dưỡng cán bộ, công chức cấp xã", ["period"] = "Tháng 11/2026" },
            },
            [NotificationTypeCatalog.Digest] = new()
            {
                ["cadence"] = "daily",
                ["items"] = new JsonArray
                {
                    new JsonObject { ["title"] = "Anh/Chị được giao khóa học: Chuyển đổi số trong cải cách hành chính", ["link"] = "https://hoctap.khanhhoa.gov.vn/Courses/chuyen-doi-so", ["created"] = "2026-12-01T02:30:00Z" },
                    new JsonObject { ["title"] = "Kết quả bài kiểm tra: Luật Tiếp công dân 2013 – Đạt", ["link"] = "https://hoctap.khanhhoa.gov.vn/Quizzes/kiem-tra-cuoi-khoa", ["created"] = "2026-12-01T08:15:00Z" },
                },
            },
        };

        foreach (var (type, model) in byType)
        {
            var essential = IsEssential(type);
            model["user"] = new JsonObject { ["name"] = "Nguyễn Thị Hương", ["email"] = "huong.nguyen@phuocdong.khanhhoa.gov.vn" };
            model["site"] = new JsonObject { ["name"] = "Học tập trực tuyến Khánh Hòa", ["url"] = "https://hoctap.khanhhoa.gov.vn" };
            model["link"] = type switch
            {
                NoticeTypes.Invitation => "https://hoctap.khanhhoa.gov.vn/Account/SetPassword?token=mau",
                NoticeTypes.PasswordReset => "https://hoctap.khanhhoa.gov.vn/Account/ResetPassword?token=mau",
                NoticeTypes.QuizResult => "https://hoctap.khanhhoa.gov.vn/Quizzes/kiem-tra-cuoi-khoa",
                NoticeTypes.CertificateIssued => "https://hoctap.khanhhoa.gov.vn/Certificates/KH-2026-000123",
                NoticeTypes.SignatureReady => "https://hoctap.khanhhoa.gov.vn/Learning",
                NoticeTypes.ReadinessDigest => "https://hoctap.khanhhoa.gov.vn/Admin/Readiness",
                NoticeTypes.ManagerDigest or NoticeTypes.ReportDelivery => "https://hoctap.khanhhoa.gov.vn/Admin/Reports",
                NotificationTypeCatalog.Digest => "https://hoctap.khanhhoa.gov.vn/Notifications",
                _ => "https://hoctap.khanhhoa.gov.vn/Courses/ky-nang-tiep-cong-dan",
            };
            if (!essential)
            {
                model["unsubscribe_url"] = "https://hoctap.khanhhoa.gov.vn/Notifications/Unsubscribe?token=mau";
            }

            if (!essential && type != NotificationTypeCatalog.Digest)
            {
                model["updates"] = 1;
            }
        }

        return byType.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
