/* "Trường hợp của tôi": the questionnaire, the answer and the claim letter, all in the page.
 *
 * The rules come from the JSON in the hidden element #th-data, generated at build time from data/truong-hop.yml
 * (scripts/lawsite/truong_hop_page.py); the arithmetic mirrors scripts/lawsite/truong_hop.py, and the
 * browser tests compare the two. Nothing typed is sent anywhere: no fetch, no form submission, no storage.
 * Without JavaScript the page shows the same rules as tables.
 */
(function () {
  "use strict";
  var D, app, base, dirUrls, st, step;

  function el(tag, attrs, kids) {
    var e = document.createElement(tag);
    for (var k in attrs || {}) {
      if (k === "text") e.textContent = attrs[k];
      else if (k.slice(0, 2) === "on") e.addEventListener(k.slice(2), attrs[k]);
      else if (attrs[k] !== false && attrs[k] != null) e.setAttribute(k, attrs[k] === true ? "" : attrs[k]);
    }
    (kids || []).forEach(function (c) { if (c != null) e.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return e;
  }
  // Docs path "luat/dieu-35.md#khoan-2" -> the URL style of this build (directory URLs or .html files).
  function url(p) {
    var h = p.split("#");
    var f = h[0].replace(/(^|\/)index\.md$/, dirUrls ? "$1" : "$1index.html").replace(/\.md$/, dirUrls ? "/" : ".html");
    return base + f + (h[1] ? "#" + h[1] : "");
  }
  function cite(r) { return el("a", { href: url(r.href), "class": "th-cite" }, [r.label]); }
  function line(text, refs) {
    var li = el("li", {}, [text + " "]);
    (refs || []).forEach(function (r, i) { li.appendChild(document.createTextNode(i ? "; " : "(")); li.appendChild(cite(r)); });
    if (refs && refs.length) li.appendChild(document.createTextNode(")"));
    return li;
  }
  function money(n) { return Math.round(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, "."); }
  function vnDate(d) { return ("0" + d.getUTCDate()).slice(-2) + "/" + ("0" + (d.getUTCMonth() + 1)).slice(-2) + "/" + d.getUTCFullYear(); }
  // Same as lawsite.truong_hop.last_day: corresponding day N years later (29/02 -> 28/02),
  // plus the days not counted, moved past Saturday/Sunday.
  function lastDay(iso, years, extra) {
    var p = iso.split("-").map(Number), y = p[0] + years, m = p[1] - 1;
    var dim = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
    var d = new Date(Date.UTC(y, m, Math.min(p[2], dim)) + (extra || 0) * 864e5);
    while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d = new Date(d.getTime() + 864e5);
    return d;
  }
  function estimate(k, days) {
    var L = D.luong.dong, c = D.ngay_luong.chia;
    if (k.don_vi === "ngay") return Math.round(k.he_so * days * L / c);
    if (k.don_vi === "lan") return Math.round(k.he_so * L / c);
    if (k.don_vi === "thang") return Math.round(k.he_so * L);
    return null;
  }
  function act() { return D.hoat_dong.filter(function (a) { return a.id === st.hd; })[0]; }
  function body() { var a = act(); return a && a.co_quan.filter(function (c) { return c.id === st.cq; })[0]; }
  function kinds() {
    return D.tinh_than.filter(function (k) { return !k.hoat_dong || k.hoat_dong.indexOf(st.hd) >= 0; });
  }

  function radios(name, items, current) {
    return items.map(function (it) {
      var id = "th-" + name + "-" + it.id;
      return el("div", { "class": "th-choice" }, [
        el("input", { type: "radio", name: name, id: id, value: it.id, checked: current === it.id }),
        el("label", { "for": id }, [it.text])]);
    });
  }
  function field(id, label, input, hint) {
    input.id = id;
    if (hint) input.setAttribute("aria-describedby", id + "-hint");
    return el("div", { "class": "th-field" }, [el("label", { "for": id }, [label]),
      hint ? el("p", { id: id + "-hint", "class": "th-hint" }, [hint]) : null, input]);
  }

  var STEPS = [
    { q: "Bạn là ai?", build: function () {
      return radios("nguoi", D.nguoi.map(function (n) { return { id: n.id, text: n.hoi }; }), st.nguoi);
    }, read: function (f) { st.nguoi = val(f, "nguoi"); return st.nguoi ? "" : "Hãy chọn một câu trả lời."; } },
    { q: "Việc gây thiệt hại xảy ra trong hoạt động nào?", build: function () {
      return radios("hd", D.hoat_dong.map(function (a) { return { id: a.id, text: a.ten + " (ví dụ: " + a.vi_du + ")" }; }), st.hd);
    }, read: function (f) { var v = val(f, "hd"); if (v !== st.hd) st.cq = null; st.hd = v; return v ? "" : "Hãy chọn một hoạt động."; } },
    { q: function () { return act().hoi_co_quan; }, build: function () {
      var a = act(), items = a.co_quan.map(function (c) { return { id: c.id, text: c.hoi }; });
      if (a.trong_vu_an) items.push({ id: "vu-an", text: "Tôi đang có vụ án hình sự hoặc vụ án hành chính ở Tòa án và muốn yêu cầu bồi thường trong vụ án đó" });
      items.push({ id: "khong-ro", text: "Không có lựa chọn nào đúng, hoặc tôi không biết" });
      return radios("cq", items, st.cq);
    }, read: function (f) { st.cq = val(f, "cq"); return st.cq ? "" : "Hãy chọn một câu trả lời."; } },
    { q: "Bạn đã có văn bản làm căn cứ yêu cầu bồi thường chưa?", build: function () {
      var a = act();
      return [el("p", {}, ["Đó là văn bản xác định người thi hành công vụ đã làm trái pháp luật, ví dụ theo ",
          cite({ label: a.vbcc.label, href: a.vbcc.href }), "."])]
        .concat(radios("vb", [{ id: "co", text: "Có, tôi đã nhận được" }, { id: "chua", text: "Chưa có, hoặc tôi không tự lấy được" }], st.vb))
        .concat([field("th-ngay", "Ngày nhận văn bản đó", el("input", { type: "date", value: st.ngay || "" }),
          "Ngày người bị thiệt hại (hoặc người thừa kế, người đại diện theo pháp luật) nhận được văn bản."),
        field("th-khong-tinh", "Số ngày không tính vào thời hiệu (nếu có)", el("input", { type: "number", min: "0", step: "1", inputmode: "numeric", value: st.khongTinh || "" }),
          "Ví dụ thời gian có sự kiện bất khả kháng; bạn phải chứng minh khoảng thời gian này.")]);
    }, read: function (f) {
      st.vb = val(f, "vb"); st.ngay = f.querySelector("#th-ngay").value; st.khongTinh = num(f.querySelector("#th-khong-tinh").value);
      if (!st.vb) return "Hãy chọn có hoặc chưa có văn bản.";
      if (st.vb === "co" && !/^\d{4}-\d{2}-\d{2}$/.test(st.ngay)) return "Hãy nhập ngày nhận văn bản (ngày/tháng/năm).";
      if (st.vb === "co" && st.ngay > new Date().toISOString().slice(0, 10)) return "Ngày nhận văn bản không thể ở tương lai.";
      if (st.khongTinh < 0) return "Số ngày không tính vào thời hiệu phải là số không âm.";
      return "";
    } },
    { q: "Bạn bị thiệt hại gì?", build: function () {
      var out = [el("p", {}, ["Nhập số ngày cho mỗi trường hợp đúng với bạn (để trống nếu không)."])];
      kinds().forEach(function (k) {
        var id = "th-k-" + k.id;
        if (k.don_vi === "ngay") out.push(field(id, k.ten + " — số ngày", el("input", { type: "number", min: "0", step: "1", inputmode: "numeric", value: st.days[k.id] || "" })));
        else out.push(el("div", { "class": "th-choice" }, [el("input", { type: "checkbox", id: id, checked: !!st.days[k.id] }), el("label", { "for": id }, [k.ten])]));
      });
      out.push(el("p", {}, ["Thiệt hại khác (chỉ để liệt kê, trang không ước tính):"]));
      D.khac.forEach(function (x) {
        var id = "th-x-" + x.id;
        out.push(el("div", { "class": "th-choice" }, [el("input", { type: "checkbox", id: id, checked: st.other.indexOf(x.id) >= 0 }), el("label", { "for": id }, [x.ten])]));
      });
      return out;
    }, read: function (f) {
      var bad = "";
      st.days = {}; st.other = [];
      kinds().forEach(function (k) {
        var i = f.querySelector("#th-k-" + k.id);
        if (k.don_vi === "ngay") { var n = num(i.value); if (n < 0 || n !== Math.floor(n)) bad = "Số ngày phải là số nguyên không âm."; else if (n) st.days[k.id] = n; }
        else if (i.checked) st.days[k.id] = 1;
      });
      D.khac.forEach(function (x) { if (f.querySelector("#th-x-" + x.id).checked) st.other.push(x.id); });
      return bad;
    } },
    { q: "Thông tin cho văn bản yêu cầu bồi thường", build: function () {
      return [field("th-ten", "Họ và tên người yêu cầu", el("input", { type: "text", autocomplete: "name", value: st.ten || "" })),
        field("th-dia-chi", "Địa chỉ", el("input", { type: "text", autocomplete: "street-address", value: st.diaChi || "" })),
        field("th-dt", "Số điện thoại (nếu có)", el("input", { type: "tel", autocomplete: "tel", value: st.dt || "" })),
        field("th-hanh-vi", "Người thi hành công vụ đã làm gì sai?", el("textarea", { rows: "3" }, [st.hanhVi || ""])),
        field("th-nhan-qua", "Việc làm sai đó gây ra thiệt hại của bạn như thế nào?", el("textarea", { rows: "3" }, [st.nhanQua || ""])),
        el("div", { "class": "th-choice" }, [el("input", { type: "checkbox", id: "th-tam-ung", checked: !!st.tamUng }), el("label", { "for": "th-tam-ung" }, ["Tôi đề nghị tạm ứng kinh phí bồi thường"])]),
        el("div", { "class": "th-choice" }, [el("input", { type: "checkbox", id: "th-danh-du", checked: !!st.danhDu }), el("label", { "for": "th-danh-du" }, ["Tôi yêu cầu phục hồi danh dự"])]),
        field("th-quyen-khac", "Quyền, lợi ích hợp pháp khác cần khôi phục (nếu có)", el("input", { type: "text", value: st.quyenKhac || "" }))];
    }, read: function (f) {
      st.ten = f.querySelector("#th-ten").value.trim(); st.diaChi = f.querySelector("#th-dia-chi").value.trim();
      st.dt = f.querySelector("#th-dt").value.trim(); st.hanhVi = f.querySelector("#th-hanh-vi").value.trim();
      st.nhanQua = f.querySelector("#th-nhan-qua").value.trim(); st.tamUng = f.querySelector("#th-tam-ung").checked;
      st.danhDu = f.querySelector("#th-danh-du").checked; st.quyenKhac = f.querySelector("#th-quyen-khac").value.trim();
      return "";
    } }
  ];
  function val(f, name) { var c = f.querySelector("input[name=" + name + "]:checked"); return c ? c.value : null; }
  function num(v) { return v === "" ? 0 : Number(v); }

  function show(n) {
    step = n;
    app.textContent = "";
    if (n >= STEPS.length) return answer();
    var s = STEPS[n], q = typeof s.q === "function" ? s.q() : s.q;
    var err = el("p", { id: "th-err", "class": "th-error", role: "alert" });
    var form = el("form", { "class": "th-step", novalidate: true, "aria-labelledby": "th-q", onsubmit: function (e) {
      e.preventDefault();
      var msg = s.read(form);
      err.textContent = msg;
      if (msg) { var first = form.querySelector("input,textarea"); if (first) first.focus(); return; }
      show(n + 1);
    } });
    var fs = el("fieldset", {}, [el("legend", { id: "th-q" }, [el("span", { "class": "th-progress" }, ["Câu " + (n + 1) + "/" + STEPS.length + ". "]), q])]);
    s.build().forEach(function (c) { fs.appendChild(c); });
    form.appendChild(fs);
    form.appendChild(err);
    form.appendChild(el("div", { "class": "th-nav" }, [
      n ? el("button", { type: "button", "class": "md-button", onclick: function () { show(n - 1); } }, ["Quay lại"]) : null,
      el("button", { type: "submit", "class": "md-button md-button--primary" }, [n === STEPS.length - 1 ? "Xem kết quả" : "Tiếp"])]));
    app.appendChild(form);
    var h = form.querySelector("legend");
    h.setAttribute("tabindex", "-1");
    if (st.started) h.focus();
    st.started = true;
  }

  function section(title, id, kids) {
    return el("section", { "class": "th-part", "aria-labelledby": id }, [el("h3", { id: id }, [title])].concat(kids));
  }

  function answer() {
    var a = act(), c = body(), R = D.duong, out = [];
    var auth = el("ul", {});
    if (st.cq === "vu-an") {
      auth.appendChild(line("Nơi giải quyết: " + R.trong_vu_an.giai_quyet + ".", [R.trong_vu_an].concat(R.trong_vu_an.kem)));
    } else if (st.cq === "khong-ro") {
      auth.appendChild(line("Trang không xác định được cơ quan cho trường hợp này: hãy hỏi Sở Tư pháp nơi bạn ở, vì Ủy ban nhân dân cấp tỉnh (qua Sở Tư pháp) có nhiệm vụ hướng dẫn người bị thiệt hại thực hiện thủ tục.", [R.hoi_so_tu_phap].concat(R.hoi_so_tu_phap.kem)));
      auth.appendChild(line("Bạn cũng có thể nộp hồ sơ ngay tại Sở Tư pháp nơi bạn cư trú; trong 05 ngày làm việc Sở xác định cơ quan giải quyết và chuyển hồ sơ.", [R.chua_ro]));
    } else {
      auth.appendChild(line("Nơi nộp hồ sơ: " + c.giai_quyet + "." + (c.ghi_chu ? " " + c.ghi_chu : ""), [c]));
      c.thay_doi.forEach(function (ch) {
        var li = line("Thay đổi sau khi Luật ban hành" + (ch.xac_minh ? "" : " (chưa xác minh)") + ": " + ch.tieu_de + ". Xem thông báo ở", [ch]);
        li.className = "th-notice"; li.setAttribute("data-th", "thay-doi-" + ch.id);
        auth.appendChild(li);
      });
      if (c.to_chuc_lai || c.thay_doi.length) auth.appendChild(line("Cơ quan ghi theo Luật năm 2017 và có thể đã được sắp xếp lại; nếu cơ quan không còn, cơ quan kế thừa chức năng, nhiệm vụ giải quyết. Chưa rõ thì hỏi Sở Tư pháp nơi bạn ở.", [R.cu_the, R.hoi_so_tu_phap]));
    }
    if (a.ngoai_le) auth.appendChild(line("Trong tố tụng hình sự, yêu cầu được giải quyết tại cơ quan trực tiếp quản lý người gây thiệt hại; bạn không khởi kiện thẳng ra Tòa án. Nếu không đồng ý quyết định giải quyết bồi thường hoặc thương lượng không thành, bạn khởi kiện trong 15 ngày.", [a.ngoai_le, R.khoi_kien_sau]));
    else if (st.cq !== "vu-an") auth.appendChild(line("Hoặc: khởi kiện ra Tòa án trong 03 năm kể từ ngày nhận văn bản làm căn cứ, nếu bạn chưa yêu cầu cơ quan giải quyết (hoặc đã rút yêu cầu).", [R.khoi_kien, a.toa_an]));
    auth.appendChild(line("Khi một cơ quan đã thụ lý, bạn không được yêu cầu cơ quan khác nữa.", [R.mot_noi]));
    out.push(section("Nộp hồ sơ ở đâu", "th-a-co-quan", [auth]));

    var T = D.thoi_hieu, tl = el("ul", {});
    if (st.cq === "vu-an") tl.appendChild(line("Yêu cầu trong vụ án hành chính theo thời hiệu khởi kiện vụ án hành chính; trang không tính ngày này.", [T.vu_an_hanh_chinh]));
    if (st.vb === "co") {
      var d = lastDay(st.ngay, T.nam, st.khongTinh);
      tl.appendChild(line("Ngày cuối của thời hiệu 03 năm: " + vnDate(d) + " (nhận văn bản ngày " + vnDate(new Date(st.ngay + "T00:00:00Z")) +
        (st.khongTinh ? ", cộng " + st.khongTinh + " ngày không tính vào thời hiệu" : "") + "). Ngày thứ Bảy, Chủ nhật đã được dời sang thứ Hai; hãy tự kiểm tra ngày nghỉ lễ. Cách tính theo " + T.blds + ".", [T]));
      tl.lastChild.setAttribute("data-th", "han-cuoi");
      tl.lastChild.setAttribute("data-date", d.toISOString().slice(0, 10));
    } else {
      tl.appendChild(line("Thời hiệu 03 năm chỉ bắt đầu khi bạn nhận được văn bản làm căn cứ. Nếu không tự lấy được, hãy đề nghị cơ quan thu thập (nêu rõ tên văn bản và nơi thu thập) trong văn bản yêu cầu.", [T, D.thu.muc[6]]));
    }
    tl.appendChild(line("Không tính vào thời hiệu: thời gian có sự kiện bất khả kháng hoặc trở ngại khách quan; thời gian người bị thiệt hại chưa có người đại diện khi cần. Bạn phải chứng minh các khoảng thời gian này.", T.khong_tinh.concat([T.chung_minh])));
    tl.appendChild(line("Hết thời hiệu thì cơ quan không thụ lý hồ sơ. Yêu cầu phục hồi danh dự không bị giới hạn bởi thời hiệu này.", [T.het, T]));
    out.push(section("Hạn cuối", "th-a-thoi-hieu", [tl]));

    var H = D.ho_so, hl = el("ul", { "class": "th-checklist" }), who = D.nguoi.filter(function (x) { return x.id === st.nguoi; })[0];
    H.chung.forEach(function (x) { if (x.id !== "c" || st.nguoi === "ban-than") hl.appendChild(line(x.ten, [x])); });
    H.them.forEach(function (x) { if (who.ho_so.indexOf(x.id) >= 0) hl.appendChild(line(x.ten, [x])); });
    hl.appendChild(line("Văn bản làm căn cứ trong hoạt động " + a.ten.toLowerCase() + " là một trong các văn bản sau:", [{ label: a.vbcc.label, href: a.vbcc.href }]));
    var vbl = el("ul", {});
    a.vbcc.items.forEach(function (v) { vbl.appendChild(line(v.text, [v])); });
    hl.lastChild.appendChild(vbl);
    hl.appendChild(line("Nộp trực tiếp: bản sao kèm bản chính để đối chiếu; gửi qua bưu điện: bản sao có chứng thực.", [H.ban_sao]));
    hl.appendChild(line("Bạn yêu cầu với tư cách: " + who.hoi.replace(/^Tôi /, "").replace(/^là /, "") + ".", [who]));
    out.push(section("Hồ sơ cần có", "th-a-ho-so", [hl]));

    var ml = el("ul", {}), total = 0, parts = [], dead = !!st.days.chet;
    kinds().forEach(function (k) {
      if (!st.days[k.id]) return;
      if (dead && k.id !== "chet" && k.id !== "buoc-thoi-viec") return;
      var v = estimate(k, st.days[k.id]);
      if (v === null) { ml.appendChild(line(k.ten + ": tùy mức độ tổn hại sức khỏe, tối đa " + k.he_so + " tháng lương cơ sở = " + money(k.he_so * D.luong.dong) + " đồng; trang không ước tính.", [k])); return; }
      var how = k.don_vi === "ngay" ? k.he_so.toString().replace(".", ",") + " ngày lương cơ sở × " + st.days[k.id] + " ngày × " + money(D.luong.dong) + " đồng ÷ " + D.ngay_luong.chia
        : k.don_vi === "lan" ? k.he_so + " ngày lương cơ sở × " + money(D.luong.dong) + " đồng ÷ " + D.ngay_luong.chia
        : k.he_so + " tháng lương cơ sở × " + money(D.luong.dong) + " đồng";
      total += v; parts.push(k.ten + ": " + how + " = " + money(v) + " đồng");
      var li = line(k.ten + ": " + how + " = " + money(v) + " đồng.", [k, D.ngay_luong]);
      li.setAttribute("data-th", "tinh-than-" + k.id); li.setAttribute("data-amount", v);
      ml.appendChild(li);
    });
    if (dead) ml.appendChild(line("Khi người bị thiệt hại chết, không tính thêm thiệt hại về tinh thần theo các khoản 1, 2, 3 và 5 Điều 27.", [D.tinh_than.filter(function (k) { return k.id === "chet"; })[0]]));
    if (total) { var tli = el("li", { "data-th": "tong", "data-amount": total }, [el("strong", {}, ["Tổng ước tính thiệt hại về tinh thần: " + money(total) + " đồng."])]); ml.appendChild(tli); }
    else ml.appendChild(el("li", {}, ["Bạn chưa nhập số ngày nào, nên trang không ước tính thiệt hại về tinh thần."]));
    ml.appendChild(line("Giá trị thiệt hại được tính tại thời điểm cơ quan thụ lý hồ sơ: nếu mức lương cơ sở thay đổi trước đó, số tiền sẽ khác.", [D.thoi_diem]));
    if (D.luong.truoc && D.luong.truoc.length) ml.appendChild(line("Hồ sơ đã được thụ lý trước " + vnDate(new Date(D.luong.tu + "T00:00:00Z")) + "? Khi đó số tiền tính theo mức lương cơ sở tại ngày thụ lý. Mức trước đó: " + D.luong.truoc.map(function (r) { return money(r.dong) + " đồng/tháng từ " + vnDate(new Date(r.tu + "T00:00:00Z")) + " đến " + vnDate(new Date(r.den + "T00:00:00Z")) + " (" + r.van_ban + ")"; }).join("; ") + ". Nếu sau đó bạn khởi kiện ra Tòa án vì không đồng ý với quyết định giải quyết bồi thường, hoặc sau khi thương lượng, giá trị thiệt hại vẫn tính tại ngày thụ lý trước đó.", [D.thoi_diem, D.duong.khoi_kien_sau]));
    ml.appendChild(el("li", {}, ["Mức lương cơ sở " + money(D.luong.dong) + " đồng/tháng, áp dụng từ " + vnDate(new Date(D.luong.tu + "T00:00:00Z")) + " (" + D.luong.van_ban + "), kiểm tra ngày " + vnDate(new Date(D.luong.doc + "T00:00:00Z")) + "; có thể đã có mức mới hơn. Một ngày lương cơ sở = một tháng lương cơ sở chia 22 ngày."]));
    out.push(section("Thiệt hại về tinh thần (ước tính)", "th-a-tinh-than", [ml]));

    var ol = el("ul", { "class": "th-checklist" });
    D.khac.forEach(function (x) { if (st.other.indexOf(x.id) >= 0) ol.appendChild(line(x.ten + ": liệt kê từng khoản, kèm hóa đơn, chứng từ.", [x])); });
    if (!ol.firstChild) ol.appendChild(el("li", {}, ["Bạn không chọn thiệt hại nào khác. Các loại khác có thể yêu cầu: tài sản, thu nhập bị mất, chi phí cứu chữa, chi phí đi lại, thuê luật sư (Điều 23–28)."]));
    out.push(section("Thiệt hại khác cần ghi lại", "th-a-khac", [ol]));

    var tt = el("ol", { "class": "th-timeline" });
    D.tien_trinh.forEach(function (x) { tt.appendChild(line(x.viec + ": " + x.han + ".", [x])); });
    out.push(section("Sau khi nộp hồ sơ", "th-a-tien-trinh", [tt]));

    out.push(letter(parts, total));
    var res = el("div", { "class": "th-result", id: "th-result" }, [el("h2", { id: "th-ket-qua", tabindex: "-1" }, ["Kết quả cho trường hợp của bạn"]),
      el("p", {}, ["Đây là hướng dẫn theo các câu trả lời của bạn, không phải quyết định của cơ quan có thẩm quyền."])].concat(out).concat([
      el("div", { "class": "th-nav" }, [el("button", { type: "button", "class": "md-button", onclick: function () { show(0); } }, ["Sửa câu trả lời"])])]));
    app.appendChild(res);
    res.querySelector("h2").focus();
  }

  function letter(parts, total) {
    var M = D.thu.muc, c = body(), today = new Date();
    var to = st.cq === "vu-an" ? D.duong.trong_vu_an.giai_quyet : st.cq === "khong-ro" ? "Sở Tư pháp nơi tôi cư trú" : c.giai_quyet;
    var text = {
      a: "Họ và tên: " + (st.ten || "..........") + "\nĐịa chỉ: " + (st.diaChi || "..........") + "\nSố điện thoại: " + (st.dt || "(không có)"),
      b: "Ngày " + today.getDate() + " tháng " + (today.getMonth() + 1) + " năm " + today.getFullYear(),
      c: st.hanhVi || "..........",
      d: st.nhanQua || "..........",
      "đ": (parts.length ? "Thiệt hại về tinh thần: " + parts.join("; ") + ". Tổng: " + money(total) + " đồng." : "Thiệt hại về tinh thần: ..........") +
        (st.other.length ? "\nThiệt hại khác (kèm chứng từ): " + D.khac.filter(function (x) { return st.other.indexOf(x.id) >= 0; }).map(function (x) { return x.ten; }).join("; ") + "." : ""),
      e: st.tamUng ? "Tôi đề nghị được tạm ứng kinh phí bồi thường." : "Không.",
      g: st.vb === "chua" ? "Tôi đề nghị cơ quan thu thập văn bản làm căn cứ yêu cầu bồi thường: (tên văn bản) .........., (nơi thu thập) .........." : "Không (tôi gửi kèm văn bản làm căn cứ).",
      h: st.danhDu ? "Tôi yêu cầu phục hồi danh dự." : "Không.",
      i: st.quyenKhac || "Không."
    };
    var box = el("div", { "class": "th-letter", id: "th-letter", contenteditable: "true", role: "textbox", "aria-multiline": "true", "aria-label": "Bản nháp văn bản yêu cầu bồi thường, sửa được" }, [
      el("p", { "class": "th-letter-head" }, ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", el("br"), "Độc lập - Tự do - Hạnh phúc"]),
      el("p", { "class": "th-letter-title" }, ["VĂN BẢN YÊU CẦU BỒI THƯỜNG"]),
      el("p", {}, ["Kính gửi: " + to])]);
    M.forEach(function (m) {
      box.appendChild(el("p", { "data-diem": m.diem }, [el("strong", {}, [m.diem + ") " + m.nhan + ":"]), el("br"), text[m.diem]]));
    });
    box.appendChild(el("p", { "class": "th-sign" }, ["Người yêu cầu bồi thường", el("br"), "(ký, ghi rõ họ tên)"]));
    function plain() { return box.innerText; }
    var note = el("p", {}, ["Bản nháp có đủ các nội dung chính ", cite(D.thu), " yêu cầu (a–i). Bạn sửa trực tiếp trong khung, rồi in hoặc tải về. Trang chưa tìm được nguyên văn Mẫu 01/BTNN (Thông tư 04/2018/TT-BTP) ở nguồn tin cậy, nên bố cục theo khoản 3 Điều 41."]);
    var tools = el("div", { "class": "th-nav" }, [
      el("button", { type: "button", "class": "md-button md-button--primary", onclick: function () { document.body.classList.add("th-printing"); window.print(); } }, ["In văn bản (A4)"]),
      el("button", { type: "button", "class": "md-button", onclick: function () {
        var a = el("a", { href: URL.createObjectURL(new Blob(["\ufeff" + plain()], { type: "text/plain;charset=utf-8" })), download: "van-ban-yeu-cau-boi-thuong.txt" });
        document.body.appendChild(a); a.click(); a.remove();
      } }, ["Tải về (tệp văn bản)"])]);
    return section("Bản nháp văn bản yêu cầu bồi thường", "th-a-thu", [note, box, tools]);
  }

  function init() {
    var data = document.getElementById("th-data");  // JSON in a hidden element (see truong_hop_page.py)
    app = document.getElementById("th-app");
    if (!data || !app || app.getAttribute("data-ready")) return;
    D = JSON.parse(data.textContent);
    var root = document.getElementById("th-goc-luat").getAttribute("href");
    dirUrls = !/\.html$/.test(root);
    base = root.replace(/(index\.html)?$/, "").replace(/luat\/$/, "");  // the site root, relative to this page
    st = { days: {}, other: [] };
    app.setAttribute("data-ready", "1");
    app.hidden = false;
    var intro = document.getElementById("quy-tac");
    if (intro) intro.insertAdjacentElement("beforebegin", el("p", { "class": "th-hint" }, ["Các bảng dưới đây là những quy tắc trang dùng để trả lời."]));
    window.addEventListener("afterprint", function () { document.body.classList.remove("th-printing"); });
    show(0);
  }
  // Loaded by truong-hop-loader.js once the page (or an instant navigation) has #th-app.
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
