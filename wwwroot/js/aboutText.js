// The About panel's longer texts in English and Arabic (merged into the strings of i18n.js).
export const aboutTexts = {
  en: {
    aboutWhat:
      'A map of which forces — the US-led coalition, Russia, Turkey, the Syrian government and transitional' +
      ' authorities, the SDF, Iran-backed groups, Israel and others — were present where in Syria, and ' +
      'when: bases and outposts, patrol routes, zones, and encounters between forces.',
    aboutMethod:
      'Every record cites public sources, carries a date range with its precision, a confidence (high: ' +
      'several strong sources; medium: one reliable source; low: disputed, partisan or inferred) and says ' +
      'when its position is approximate. An open end means that no end was found, not that the force is ' +
      'known to be there now: a record with no source for {months} months is drawn hollow as unconfirmed.',
    aboutSources:
      'Sources are public pages as found (news agencies, outlets, monitors, official statements as quoted).' +
      ' Partisan outlets are used only when nothing else was found, with lower confidence, and the claim is' +
      ' attributed in the notes. Nothing is invented: a site or date without a source is left out.',
    aboutLicence:
      'The compiled data is released under Creative Commons Attribution 4.0 (CC BY 4.0); the cited sources ' +
      'keep their own rights. Borders and rivers: Natural Earth (public domain). Towns: GeoNames (CC BY ' +
      '4.0). The map works offline and requests nothing beyond its own server.',
    aboutCite:
      'To cite a view, give the title, the date or dates shown and the link below (it restores the exact ' +
      'view).',
    aboutApi:
      'The data is also served through an OGC API – Features service for GIS tools: see the API reference.',
  },
  ar: {
    aboutWhat:
      'خريطة تبيّن أي القوى — التحالف الدولي بقيادة الولايات المتحدة وروسيا وتركيا والحكومة السورية ' +
      'والسلطات الانتقالية وقسد والقوات المدعومة من إيران وإسرائيل وغيرها — كانت موجودة وأين في سوريا ومتى:' +
      ' القواعد والنقاط العسكرية ومسارات الدوريات والمناطق والاحتكاكات بين القوى.',
    aboutMethod:
      'يستند كل سجل إلى مصادر علنية، ويحمل فترة زمنية مع دقتها، ودرجة ثقة (عالية: عدة مصادر قوية؛ متوسطة: ' +
      'مصدر واحد موثوق؛ منخفضة: متنازع عليها أو منحازة أو مستنتجة)، ويذكر إن كان الموقع تقريبياً. النهاية ' +
      'المفتوحة تعني أنه لم يُعثر على نهاية، لا أن القوة موجودة الآن بالتأكيد: السجل الذي لا مصدر له منذ ' +
      '{months} شهراً يُرسم مجوفاً على أنه غير مؤكد.',
    aboutSources:
      'المصادر صفحات علنية كما وُجدت (وكالات أنباء ووسائل إعلام ومراصد وتصريحات رسمية كما نُقلت). لا ' +
      'تُستخدم المصادر المنحازة إلا عند غياب غيرها، وبثقة أدنى، مع نسبة الادعاء إلى قائله في الملاحظات. لا ' +
      'شيء مختلق: كل موقع أو تاريخ بلا مصدر متروك.',
    aboutLicence:
      'البيانات المجمّعة منشورة برخصة المشاع الإبداعي نسب المصنف 4.0 (CC BY 4.0)؛ وتحتفظ المصادر المذكورة ' +
      'بحقوقها. الحدود والأنهار: Natural Earth (ملكية عامة). المدن: GeoNames (CC BY 4.0). تعمل الخريطة دون ' +
      'اتصال ولا تطلب شيئاً من خارج خادمها.',
    aboutCite:
      'للاستشهاد بعرض ما، اذكر العنوان والتاريخ أو التاريخين المعروضين والرابط أدناه (يعيد العرض نفسه ' +
      'تماماً).',
    aboutApi:
      'تُقدَّم البيانات أيضاً عبر خدمة OGC API – Features لأدوات نظم المعلومات الجغرافية: انظر مرجع الواجهة' +
      ' البرمجية.',
  },
};
